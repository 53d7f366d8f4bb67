package com.widgetsunlimited.etl;

import com.widgetsunlimited.etl.cli.Launcher;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** {@code java -jar etl.jar --job=NAME key=value ...}; {@code --help} lists the jobs. */
@SpringBootApplication
public class EtlApplication {

	public static void main(String[] args) {
		System.exit(new Launcher(EtlApplication.class, System.out, System.err).run(args));
	}

}
