package com.widgetsunlimited.etl.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;

/**
 * An OTLP/HTTP metrics endpoint of the test's own ({@code POST /v1/metrics}, protobuf),
 * as a collector receives what a run pushes: every metric by name, with its number data
 * points as attributes and value.
 */
public final class OtlpMetricsReceiver implements AutoCloseable {

	/** A number data point: its attributes and its value. */
	public record Point(Map<String, String> attributes, double value) {
	}

	private final HttpServer server;

	private final Map<String, List<Point>> metrics = new HashMap<>();

	private OtlpMetricsReceiver(HttpServer server) {
		this.server = server;
	}

	/** Listens on a free port of 127.0.0.1. */
	public static OtlpMetricsReceiver start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		OtlpMetricsReceiver receiver = new OtlpMetricsReceiver(server);
		server.createContext("/v1/metrics", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				receiver.receive(ExportMetricsServiceRequest.parseFrom(body.readAllBytes()));
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		server.start();
		return receiver;
	}

	/** The endpoint's URL, for {@code management.otlp.metrics.export.url}. */
	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1/metrics";
	}

	/** The names of every metric received. */
	public synchronized List<String> names() {
		return new ArrayList<>(this.metrics.keySet());
	}

	/** The number data points received for {@code name}; empty when none. */
	public synchronized List<Point> points(String name) {
		return new ArrayList<>(this.metrics.getOrDefault(name, List.of()));
	}

	private synchronized void receive(ExportMetricsServiceRequest request) {
		for (ResourceMetrics resource : request.getResourceMetricsList()) {
			for (ScopeMetrics scope : resource.getScopeMetricsList()) {
				for (Metric metric : scope.getMetricsList()) {
					List<Point> points = this.metrics.computeIfAbsent(metric.getName(), (name) -> new ArrayList<>());
					List<NumberDataPoint> numbers = metric.hasSum() ? metric.getSum().getDataPointsList()
							: metric.hasGauge() ? metric.getGauge().getDataPointsList() : List.of();
					for (NumberDataPoint point : numbers) {
						Map<String, String> attributes = new HashMap<>();
						for (KeyValue attribute : point.getAttributesList()) {
							attributes.put(attribute.getKey(), attribute.getValue().getStringValue());
						}
						points.add(new Point(attributes,
								point.hasAsDouble() ? point.getAsDouble() : (double) point.getAsInt()));
					}
				}
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
