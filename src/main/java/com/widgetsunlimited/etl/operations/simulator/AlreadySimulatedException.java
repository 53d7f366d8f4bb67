package com.widgetsunlimited.etl.operations.simulator;

/**
 * A business day the simulated world has already lived through, or one before its
 * present.
 */
public class AlreadySimulatedException extends IllegalStateException {

	public AlreadySimulatedException(String message) {
		super(message);
	}

}
