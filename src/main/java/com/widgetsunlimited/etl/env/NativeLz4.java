package com.widgetsunlimited.etl.env;

import net.jpountz.lz4.LZ4Factory;
import net.jpountz.xxhash.XXHashFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka's LZ4 batches (the e-commerce topics are LZ4-compressed) through lz4-java's
 * native library inside {@code etl.jar} too. Kafka takes
 * {@code LZ4Factory.fastestInstance()}, which loads the native library only when
 * lz4-java's classes come from the class path; from the jars nested in {@code etl.jar} it
 * settles for lz4-java's Java code, which took 9% of the e-commerce ingestion thread's
 * time (docs/benchmark.md). Once the native library is loaded, {@code fastestInstance()}
 * answers it from any class loader, so this loads it before the first Kafka client or
 * broker is made; on a platform without one the Java code stays.
 */
public final class NativeLz4 {

	private static final Logger log = LoggerFactory.getLogger(NativeLz4.class);

	private static boolean loaded;

	private NativeLz4() {
	}

	/** Loads lz4-java's native library, once; what Kafka then gets is logged. */
	public static synchronized void load() {
		if (loaded) {
			return;
		}
		loaded = true;
		try {
			LZ4Factory.nativeInstance();
			XXHashFactory.nativeInstance();
		}
		catch (Throwable ex) {
			// UnsatisfiedLinkError, or an error of the library's extraction
			log.debug("lz4-java has no native library here: {}", ex.toString());
		}
		log.info("Kafka's LZ4: {}, {}", LZ4Factory.fastestInstance(), XXHashFactory.fastestInstance());
	}

}
