package com.widgetsunlimited.etl.ingest;

import com.widgetsunlimited.etl.warehouse.Reject;
import com.widgetsunlimited.etl.staging.StagedRow;

/**
 * What an ingestion step made of one input record: a row for staging, or a reject.
 * Exactly one of the two is set.
 */
public record Ingested(StagedRow staged, Reject reject) {

	public Ingested {
		if ((staged == null) == (reject == null)) {
			throw new IllegalArgumentException("exactly one of staged row and reject");
		}
	}

	public static Ingested staged(StagedRow row) {
		return new Ingested(row, null);
	}

	public static Ingested rejected(Reject reject) {
		return new Ingested(null, reject);
	}

	public boolean isRejected() {
		return this.reject != null;
	}

}
