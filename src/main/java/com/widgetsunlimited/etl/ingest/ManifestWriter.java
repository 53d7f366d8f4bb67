package com.widgetsunlimited.etl.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.staging.ParquetStagingWriter;
import com.widgetsunlimited.etl.staging.StagingLocation;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes {@code <staging>/<date>/<source>/_manifest.json} once a source's day is staged:
 * rows staged per entity (from the Parquet files' own footers), rows rejected (from
 * {@code etl_reject}), and the extraction window that a rerun reads again. Written under
 * a temporary name and renamed, like the data files.
 */
public final class ManifestWriter {

	/** The manifest's file name in a source's folder. */
	public static final String FILE = "_manifest.json";

	private static final Logger log = LoggerFactory.getLogger(ManifestWriter.class);

	/** Keys sorted: a restaged day's manifest has the same bytes as its first. */
	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

	private final StagingLocation staging;

	private final JdbcTemplate warehouse;

	public ManifestWriter(StagingLocation staging, JdbcTemplate warehouse) {
		this.staging = staging;
		this.warehouse = warehouse;
	}

	/**
	 * Writes the manifest of {@code source} for {@code date}.
	 * @param window what was read: file names, topic partition offset ranges, or the
	 * {@code updated_at} window
	 * @return the manifest's content
	 */
	public Map<String, Object> write(LocalDate date, Source source, Object window) {
		Map<String, Object> manifest = new LinkedHashMap<>();
		manifest.put("businessDate", date.toString());
		manifest.put("source", source.id());
		manifest.put("window", window);
		Map<String, Object> entities = new LinkedHashMap<>();
		try (FileSystem fs = this.staging.fileSystem()) {
			for (Entity entity : Entity.of(source)) {
				// a process that died while a completed step assembled its file left the
				// parts
				if (ParquetStagingWriter.completeUnfinished(this.staging, date, entity)) {
					log.warn("Assembled {} from the parts a stopped run left", this.staging.entityFile(date, entity));
				}
				Path file = this.staging.entityFile(date, entity);
				Map<String, Object> counts = new LinkedHashMap<>();
				counts.put("file", file.getName());
				counts.put("staged", stagedRows(fs, file));
				counts.put("rejected",
						this.warehouse.queryForObject(
								"SELECT COUNT(*) FROM etl_reject WHERE "
										+ "business_date = ? AND source = ? AND entity = ?",
								Long.class, date, source.id(), entity.id()));
				entities.put(entity.id(), counts);
			}
			manifest.put("entities", entities);
			StagingLocation.writeComplete(fs, new Path(this.staging.sourceFolder(date, source), FILE),
					(out) -> JSON.writeValue(out, manifest));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the " + source.id() + " manifest of " + date, ex);
		}
		return manifest;
	}

	/**
	 * The staged files that {@code source}'s manifest of {@code date} names and that are
	 * gone or do not hold the rows it counted (a file deleted, cut short or overwritten);
	 * empty when all are there.
	 */
	public static List<String> lostFiles(StagingLocation staging, LocalDate date, Source source) throws IOException {
		List<String> lost = new ArrayList<>();
		try (FileSystem fs = staging.fileSystem()) {
			Path folder = staging.sourceFolder(date, source);
			JsonNode manifest;
			try (var in = fs.open(new Path(folder, FILE))) {
				manifest = JSON.readTree(in);
			}
			for (Map.Entry<String, JsonNode> entity : manifest.path("entities").properties()) {
				String name = entity.getValue().path("file").asText();
				long counted = entity.getValue().path("staged").asLong();
				try {
					long staged = stagedRows(fs, new Path(folder, name));
					if (staged != counted) {
						lost.add(name + " (" + staged + " rows, the manifest counted " + counted + ")");
					}
				}
				catch (IOException | RuntimeException ex) {
					lost.add(name + " (" + ex.getMessage() + ")");
				}
			}
		}
		return lost;
	}

	private static long stagedRows(FileSystem fs, Path file) throws IOException {
		if (!fs.exists(file)) {
			throw new IOException("staged file " + file + " is missing");
		}
		try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, fs.getConf()))) {
			return reader.getRecordCount();
		}
	}

}
