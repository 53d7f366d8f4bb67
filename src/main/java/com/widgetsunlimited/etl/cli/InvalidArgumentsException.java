package com.widgetsunlimited.etl.cli;

/** A command line that names no known job, or gives a job parameters it does not take. */
public class InvalidArgumentsException extends RuntimeException {

	public InvalidArgumentsException(String message) {
		super(message);
	}

}
