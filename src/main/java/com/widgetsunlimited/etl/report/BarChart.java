package com.widgetsunlimited.etl.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The geometry of a horizontal bar chart drawn as inline SVG by the run report's
 * template: one row per category, one bar per series in each row, bars scaled to the
 * largest value, the value written at the end of each bar. Values below zero are drawn as
 * empty bars and still written out.
 *
 * @param title what the chart shows
 * @param series the names of the series, in legend order (their index picks the colour)
 * @param rows the categories, top to bottom
 * @param width the drawing's width in pixels
 * @param height the drawing's height in pixels
 */
public record BarChart(String title, List<String> series, List<Row> rows, int width, int height) {

	static final int LABEL_WIDTH = 230;

	static final int PLOT_WIDTH = 430;

	static final int VALUE_WIDTH = 120;

	static final int LEGEND_HEIGHT = 26;

	static final int BAR_HEIGHT = 14;

	static final int ROW_GAP = 10;

	/** One category: its label and its bars. */
	public record Row(String label, int labelY, List<Bar> bars) {
	}

	/**
	 * One bar: its series, geometry and the value as written next to it.
	 */
	public record Bar(String series, int seriesIndex, int x, int y, int width, int height, String text) {

		/** Where the value's text goes: just past the bar. */
		public int textX() {
			return this.x + this.width + 4;
		}

		/** The text's baseline, centred on the bar. */
		public int textY() {
			return this.y + BAR_HEIGHT - 3;
		}

	}

	/** A legend entry's x position. */
	public int legendX(int seriesIndex) {
		return LABEL_WIDTH + seriesIndex * 140;
	}

	/** Whether there is anything to draw. */
	public boolean isEmpty() {
		return this.rows.isEmpty();
	}

	/**
	 * A chart of {@code items}, one row per distinct category, one bar per series.
	 */
	public static <T> BarChart of(String title, List<String> series, List<T> items, Function<T, String> category,
			Function<T, String> seriesOf, Function<T, BigDecimal> value, Function<BigDecimal, String> format) {
		Map<String, Map<String, BigDecimal>> values = new LinkedHashMap<>();
		BigDecimal max = BigDecimal.ZERO;
		for (T item : items) {
			BigDecimal v = value.apply(item);
			values.computeIfAbsent(category.apply(item), (key) -> new LinkedHashMap<>())
				.merge(seriesOf.apply(item), v, BigDecimal::add);
		}
		for (Map<String, BigDecimal> row : values.values()) {
			for (BigDecimal v : row.values()) {
				max = max.max(v);
			}
		}
		List<Row> rows = new ArrayList<>();
		int y = LEGEND_HEIGHT;
		for (Map.Entry<String, Map<String, BigDecimal>> entry : values.entrySet()) {
			List<Bar> bars = new ArrayList<>();
			int top = y;
			for (int index = 0; index < series.size(); index++) {
				BigDecimal v = entry.getValue().get(series.get(index));
				if (v == null) {
					continue;
				}
				int length = (max.signum() <= 0 || v.signum() <= 0) ? 0
						: Math.max(1, (int) Math.round(v.doubleValue() / max.doubleValue() * PLOT_WIDTH));
				bars.add(new Bar(series.get(index), index, LABEL_WIDTH, y, length, BAR_HEIGHT, format.apply(v)));
				y += BAR_HEIGHT + 2;
			}
			rows.add(new Row(entry.getKey(), (top + y) / 2 + 2, bars));
			y += ROW_GAP;
		}
		return new BarChart(title, List.copyOf(series), rows, LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH, y);
	}

}
