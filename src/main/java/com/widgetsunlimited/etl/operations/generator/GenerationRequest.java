package com.widgetsunlimited.etl.operations.generator;

import com.widgetsunlimited.etl.model.Entity;

/**
 * What to generate for one entity: new rows, changes to existing ones, deletes, and
 * children for each parent created by the parent entity's latest batch.
 *
 * @param perParent children to create for each parent of the parent entity's latest batch
 */
public record GenerationRequest(Entity entity, int inserts, int updates, int deletes, int perParent) {

	public GenerationRequest {
		if (inserts < 0 || updates < 0 || deletes < 0 || perParent < 0) {
			throw new IllegalArgumentException("counts must not be negative: " + entity.id());
		}
	}

	public static GenerationRequest inserts(Entity entity, int count) {
		return new GenerationRequest(entity, count, 0, 0, 0);
	}

	public static GenerationRequest updates(Entity entity, int count) {
		return new GenerationRequest(entity, 0, count, 0, 0);
	}

	public static GenerationRequest deletes(Entity entity, int count) {
		return new GenerationRequest(entity, 0, 0, count, 0);
	}

	public static GenerationRequest perParent(Entity entity, int count) {
		return new GenerationRequest(entity, 0, 0, 0, count);
	}

	/**
	 * The same request with every count multiplied by {@code scale} (at least 1 where not
	 * 0).
	 */
	public GenerationRequest scaled(double scale) {
		return new GenerationRequest(this.entity, scale(this.inserts, scale), scale(this.updates, scale),
				scale(this.deletes, scale), this.perParent);
	}

	private static int scale(int count, double scale) {
		return (count == 0) ? 0 : Math.max(1, (int) Math.round(count * scale));
	}

}
