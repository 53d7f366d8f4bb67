package com.widgetsunlimited.etl.operations.generator;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.RowJson;

/**
 * A {@link GeneratorState} as gzipped JSON, so that the simulated world of one day
 * carries over to the next run. The same state always gives the same bytes.
 */
public final class GeneratorStateCodec {

	private static final ObjectMapper JSON = new ObjectMapper();

	private GeneratorStateCodec() {
	}

	public static byte[] encode(GeneratorState state) {
		Map<String, Object> json = new LinkedHashMap<>();
		Map<String, Object> entities = new LinkedHashMap<>();
		for (Entity entity : Entity.values()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("nextKey", state.nextKeys().get(entity));
			entry.put("lastBatch", state.lastBatches().get(entity));
			entry.put("rows", state.rows(entity).values().stream().map(RowJson::toJson).toList());
			entities.put(entity.id(), entry);
		}
		json.put("entities", entities);
		json.put("unannouncedProducts", new ArrayList<>(state.unannouncedProducts()));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
			JSON.writeValue(gzip, json);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	public static GeneratorState decode(byte[] encoded) {
		Map<String, Object> json;
		try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(encoded))) {
			json = JSON.readValue(gzip, new TypeReference<>() {
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The simulator's saved state is unreadable", ex);
		}
		GeneratorState state = new GeneratorState();
		Map<String, Map<String, Object>> entities = cast(json.get("entities"));
		for (Entity entity : Entity.values()) {
			Map<String, Object> entry = entities.get(entity.id());
			state.nextKeys().put(entity, ((Number) entry.get("nextKey")).longValue());
			List<Number> batch = cast(entry.get("lastBatch"));
			state.lastBatch(entity, batch.stream().map(Number::longValue).toList());
			List<Map<String, Object>> rows = cast(entry.get("rows"));
			for (Map<String, Object> row : rows) {
				state.put(RowJson.fromJson(entity, row));
			}
		}
		List<Number> unannounced = cast(json.get("unannouncedProducts"));
		unannounced.forEach((key) -> state.unannouncedProducts().add(key.longValue()));
		return state;
	}

	@SuppressWarnings("unchecked")
	private static <T> T cast(Object value) {
		return (T) value;
	}

}
