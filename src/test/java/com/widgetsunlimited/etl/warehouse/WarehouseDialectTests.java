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

	@Test
	void postgresFromTable_takesTheRowsFromATable_andKeepsTheConflictClause() {
		PostgresDialect dialect = new PostgresDialect();
		String upsert = dialect.upsertIfNotOlder("t", List.of("k"), List.of("k", "a", "v"), "v");
		assertThat(dialect.fromTable(upsert, "t", List.of("k", "a", "v"), "t_load")).isEqualTo(
				"INSERT INTO t (k, a, v) SELECT k, a, v FROM t_load ON CONFLICT (k) DO UPDATE SET a = EXCLUDED.a, "
						+ "v = EXCLUDED.v WHERE t.v <= EXCLUDED.v");
	}

	@Test
	void postgresInsertFrom_takesTheRowsFromATable_withoutConflictClause() {
		assertThat(new PostgresDialect().insertFrom("t", List.of("k", "a"), "(SELECT 1, 2) AS s (k, a)"))
			.isEqualTo("INSERT INTO t (k, a) SELECT k, a FROM (SELECT 1, 2) AS s (k, a)");
	}

	@Test
	void copyText_escapesWhatCopyWouldReadAsSeparators_andWritesNullAsBackslashN() {
		CopyText text = new CopyText(4);
		for (Object value : new Object[] { "a\tb", "tab\there", "two\nlines\r", null, true,
				new java.math.BigDecimal("1E+2"), java.time.LocalDate.of(2024, 1, 2) }) {
			BulkWrite.appendValue(text, value);
			text.append('|');
		}
		assertThat(text).hasToString("a\\tb|tab\\there|two\\nlines\\r|\\N|t|100|2024-01-02|");
	}

	@Test
	void copyText_encodesTextAsUtf8_andEscapesSeparatorsAfterOtherCharactersToo() {
		CopyText text = new CopyText(4);
		for (Object value : new Object[] { "Zo\u00eb\tM\u00fcller", "\u20ac 5\\6\n", "party \ud83c\udf89\r", "", 0L, -1,
				Long.MAX_VALUE }) {
			BulkWrite.appendValue(text, value);
			text.append('|');
		}
		String expected = "Zo\u00eb\\tM\u00fcller|\u20ac 5\\\\6\\n|party \ud83c\udf89\\r||0|-1|" + Long.MAX_VALUE + "|";
		assertThat(java.util.Arrays.copyOf(text.bytes(), text.length()))
			.isEqualTo(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	@Test
	void copyText_writesDecimals_asToPlainStringDoes() {
		java.util.Random random = new java.util.Random(11);
		List<java.math.BigDecimal> decimals = new java.util.ArrayList<>(List.of(new java.math.BigDecimal("0.05"),
				new java.math.BigDecimal("-0.05"), new java.math.BigDecimal("-12.30"), new java.math.BigDecimal("7"),
				new java.math.BigDecimal("1E+2"), new java.math.BigDecimal("9999999999999999.99"),
				new java.math.BigDecimal("-9999999999999999.99"), new java.math.BigDecimal("123456789012345678901.5"),
				new java.math.BigDecimal("0.000000000000000000001")));
		for (int i = 0; i < 10_000; i++) {
			decimals.add(java.math.BigDecimal.valueOf(random.nextLong() >> random.nextInt(64), random.nextInt(22) - 2));
		}
		for (java.math.BigDecimal decimal : decimals) {
			CopyText text = new CopyText(4);
			BulkWrite.appendValue(text, decimal);
			assertThat(text).as("%s", decimal).hasToString(decimal.toPlainString());
		}
	}

	@Test
	void copyText_writesNumbersDatesAndTimes_asPostgresReadsThemBack() {
		CopyText text = new CopyText(4);
		for (Object value : new Object[] { 7L, -42, Long.MIN_VALUE, java.time.LocalDate.of(1, 3, 9),
				java.time.LocalDate.of(9999, 12, 31), java.time.LocalDateTime.of(2024, 1, 2, 0, 0),
				java.time.LocalDateTime.of(2024, 11, 30, 9, 5, 7, 120_000_000),
				java.time.LocalDateTime.of(987, 6, 5, 23, 59, 59, 999_999_999), java.time.LocalDate.of(10000, 1, 1) }) {
			BulkWrite.appendValue(text, value);
			text.append('|');
		}
		// digits beyond the microsecond are cut: staged times have none
		assertThat(text).hasToString("7|-42|-9223372036854775808|0001-03-09|9999-12-31|2024-01-02 00:00:00|"
				+ "2024-11-30 09:05:07.120000|0987-06-05 23:59:59.999999|+10000-01-01|");
	}

}
