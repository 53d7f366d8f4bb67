package com.widgetsunlimited.etl.warehouse;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WarehouseDialectTests {

	@Test
	void postgresUpsert_updatesEveryNonKeyColumnFromExcluded() {
		assertThat(new PostgresDialect().upsert("t", List.of("k"), List.of("k", "a", "b")))
			.isEqualTo("INSERT INTO t (k, a, b) VALUES (:k, :a, :b) ON CONFLICT (k) DO UPDATE SET a = EXCLUDED.a, "
					+ "b = EXCLUDED.b");
	}

	@Test
	void mysqlUpsert_usesValuesWhichMariaDbAlsoAccepts() {
		assertThat(new MySqlDialect("mariadb").upsert("t", List.of("k"), List.of("k", "a")))
			.isEqualTo("INSERT INTO t (k, a) VALUES (:k, :a) ON DUPLICATE KEY UPDATE a = VALUES(a)");
	}

	@Test
	void upsertOfKeysOnly_changesNothingOnConflict() {
		assertThat(new PostgresDialect().upsert("t", List.of("k"), List.of("k"))).endsWith("DO NOTHING");
		assertThat(new MySqlDialect("mysql").upsert("t", List.of("k"), List.of("k"))).endsWith("UPDATE k = k");
	}

	@Test
	void batchSchemaScript_isSpringBatchsOwnPerDatabase() {
		assertThat(new MySqlDialect("mariadb").batchSchemaScript())
			.isEqualTo("org/springframework/batch/core/schema-mariadb.sql");
		assertThat(new PostgresDialect().batchSchemaScript())
			.isEqualTo("org/springframework/batch/core/schema-postgresql.sql");
	}

}
