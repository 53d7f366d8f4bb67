package com.widgetsunlimited.etl.operations.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Row;
import com.widgetsunlimited.etl.model.Source;
import com.widgetsunlimited.etl.operations.generator.Change;
import com.widgetsunlimited.etl.operations.generator.DefectKind;
import com.widgetsunlimited.etl.operations.generator.Defects;
import com.widgetsunlimited.etl.source.InventoryDropFolder;

/**
 * The simulated inventory system writing its daily drop into an
 * {@link InventoryDropFolder}: each file appears under its final name only once complete,
 * the day's marker last.
 */
public final class InventoryDrop {

	private final InventoryDropFolder drop;

	private final Path folder;

	public InventoryDrop(InventoryDropFolder drop) {
		this.drop = drop;
		this.folder = drop.path();
	}

	/** Where the drop is written. */
	public InventoryDropFolder folder() {
		return this.drop;
	}

	/**
	 * Writes the day's files from its inventory changes, then the marker.
	 * @return the files written, marker last
	 */
	public List<Path> write(LocalDate date, List<Change> changes, Defects defects) {
		List<Path> written = writeFiles(date, changes, defects);
		written.add(markReady(date));
		return written;
	}

	/**
	 * Writes the marker that says the day's drop is complete: last, once the whole day
	 * was taken by the other systems too.
	 */
	public Path markReady(LocalDate date) {
		try {
			return writeAtomically(this.drop.readyMarker(date), (writer) -> writer.write(date + "\n"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot mark the inventory drop for " + date + " ready in " + this.folder,
					ex);
		}
	}

	/**
	 * Writes the day's files from its inventory changes, without the marker: a reader
	 * waits for it.
	 * @return the files written
	 */
	public List<Path> writeFiles(LocalDate date, List<Change> changes, Defects defects) {
		List<Path> written = new ArrayList<>();
		try {
			Files.createDirectories(this.folder);
			for (Entity entity : Entity.of(Source.INVENTORY)) {
				Map<Long, Row> latest = new TreeMap<>();
				for (Change change : changes) {
					if (change.entity() == entity && change.after() != null) {
						latest.put(change.key(), change.after());
					}
				}
				written.add(writeAtomically(this.drop.file(entity, date),
						(writer) -> writeCsv(writer, entity, latest, defects)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the inventory drop for " + date + " in " + this.folder, ex);
		}
		return written;
	}

	private void writeCsv(Writer out, Entity entity, Map<Long, Row> rows, Defects defects) throws IOException {
		ICSVWriter csv = new CSVWriterBuilder(out).withLineEnd("\r\n").build();
		csv.writeNext(entity.columnNames().toArray(String[]::new), false);
		for (Row row : rows.values()) {
			String[] fields = row.values().values().stream().map(InventoryDropFolder::format).toArray(String[]::new);
			csv.writeNext(corrupt(entity, row.key(), fields, defects), false);
		}
		csv.flush();
	}

	/**
	 * Dirt the inventory system really writes: a field missing, a number that is not one.
	 */
	private static String[] corrupt(Entity entity, long key, String[] fields, Defects defects) {
		if (defects.inject(DefectKind.CSV_WRONG_FIELD_COUNT, entity, key, "last field missing")) {
			return Arrays.copyOf(fields, fields.length - 1);
		}
		String numeric = switch (entity) {
			case PRODUCT -> "unit_cost";
			case INVENTORY -> "quantity";
			default -> null;
		};
		if (numeric != null && defects.inject(DefectKind.CSV_NON_NUMERIC, entity, key, numeric)) {
			fields[entity.columnNames().indexOf(numeric)] = List.of("N/A", "twelve", "1O", "")
				.get(defects.random().nextInt(4));
		}
		return fields;
	}

	private static Path writeAtomically(Path target, CsvBody body) throws IOException {
		Path temporary = target.resolveSibling("." + target.getFileName() + ".tmp");
		try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
			body.write(writer);
		}
		Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		return target;
	}

	@FunctionalInterface
	private interface CsvBody {

		void write(Writer writer) throws IOException;

	}

	/** Removes every file of the drop (a reset of the simulated world). */
	public void clear() {
		if (!Files.isDirectory(this.folder)) {
			return;
		}
		try (var files = Files.list(this.folder)) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot clear the inventory drop " + this.folder, ex);
		}
	}

}
