package com.widgetsunlimited.etl.report;

import java.math.BigDecimal;
import java.util.List;

import com.widgetsunlimited.etl.report.BarChart.Bar;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BarChartTests {

	record Sale(String day, String channel, String amount) {
	}

	private static BarChart chart(List<Sale> sales) {
		return BarChart.of("sales", List.of("ONLINE", "STORE"), sales, Sale::day, Sale::channel,
				(sale) -> new BigDecimal(sale.amount()), RunReportWriter::money);
	}

	@Test
	void barsAreScaledToTheLargestValue_oneRowPerCategory_inTheSeriesOrder() {
		BarChart chart = chart(List.of(new Sale("d1", "STORE", "50"), new Sale("d1", "ONLINE", "200"),
				new Sale("d2", "ONLINE", "100")));

		assertThat(chart.rows()).extracting(BarChart.Row::label).containsExactly("d1", "d2");
		List<Bar> first = chart.rows().get(0).bars();
		assertThat(first).extracting(Bar::series).containsExactly("ONLINE", "STORE");
		assertThat(first).extracting(Bar::width)
			.containsExactly(BarChart.PLOT_WIDTH, (int) Math.round(BarChart.PLOT_WIDTH * 0.25));
		assertThat(first).extracting(Bar::text).containsExactly("200.00", "50.00");
		assertThat(chart.rows().get(1).bars()).extracting(Bar::width).containsExactly(BarChart.PLOT_WIDTH / 2);
		// the bars are stacked downwards without overlapping, and the drawing holds them
		Bar last = chart.rows().get(1).bars().get(0);
		assertThat(first.get(1).y()).isGreaterThan(first.get(0).y() + first.get(0).height() - 1);
		assertThat(last.y()).isGreaterThan(first.get(1).y());
		assertThat(chart.height()).isGreaterThanOrEqualTo(last.y() + last.height());
	}

	@Test
	void sameCategoryAndSeries_addUp_aNegativeOrZeroValueIsAnEmptyBarWithItsValue() {
		BarChart chart = chart(List.of(new Sale("d1", "ONLINE", "10"), new Sale("d1", "ONLINE", "5.5"),
				new Sale("d2", "ONLINE", "-3"), new Sale("d3", "STORE", "0")));

		assertThat(chart.rows().get(0).bars()).extracting(Bar::text).containsExactly("15.50");
		assertThat(chart.rows().get(1).bars()).extracting(Bar::width, Bar::text)
			.containsExactly(Tuple.tuple(0, "-3.00"));
		assertThat(chart.rows().get(2).bars()).extracting(Bar::width).containsExactly(0);
	}

	@Test
	void nothingToDraw_isEmpty() {
		assertThat(chart(List.of()).isEmpty()).isTrue();
	}

}
