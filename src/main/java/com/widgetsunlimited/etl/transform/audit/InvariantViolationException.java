package com.widgetsunlimited.etl.transform.audit;

/**
 * A business date's load broke one of the warehouse's guarantees (docs/warehouse.md): a
 * staged row that reached neither the warehouse nor {@code etl_reject}, fact totals that
 * differ from the sources', a member without exactly one current version, overlapping
 * versions. The message names the rows. The job fails with its own exit code.
 */
public class InvariantViolationException extends RuntimeException {

	public InvariantViolationException(String message) {
		super(message);
	}

}
