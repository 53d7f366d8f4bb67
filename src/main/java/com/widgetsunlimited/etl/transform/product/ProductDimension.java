package com.widgetsunlimited.etl.transform.product;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.widgetsunlimited.etl.model.ScdType;
import com.widgetsunlimited.etl.transform.Cleaning;
import com.widgetsunlimited.etl.transform.RawRows;
import com.widgetsunlimited.etl.transform.scd.Attribute;
import com.widgetsunlimited.etl.transform.scd.Attribute.Kind;
import com.widgetsunlimited.etl.transform.scd.Dimension;
import com.widgetsunlimited.etl.transform.scd.Member;

/**
 * {@code product_dim}: a product of the inventory feed with its preferred supplier's
 * name. Category and unit cost keep their history (type 2); the rest is overwritten.
 */
public final class ProductDimension {

	/** The default history of each attribute. */
	public static final Dimension DEFAULT = new Dimension("product_dim", "product_key", "product_id", List.of(
			new Attribute("name", Kind.TEXT, ScdType.TYPE_1), new Attribute("description", Kind.TEXT, ScdType.TYPE_1),
			new Attribute("category", Kind.TEXT, ScdType.TYPE_2), new Attribute("brand", Kind.TEXT, ScdType.TYPE_1),
			new Attribute("unit_cost", Kind.DECIMAL, ScdType.TYPE_2),
			new Attribute("dimensions", Kind.TEXT, ScdType.TYPE_1),
			new Attribute("introduced_date", Kind.DATE, ScdType.TYPE_1),
			new Attribute("discontinued", Kind.BOOLEAN, ScdType.TYPE_1),
			new Attribute("no_longer_offered", Kind.BOOLEAN, ScdType.TYPE_1),
			new Attribute("supplier_id", Kind.NUMBER, ScdType.TYPE_1),
			new Attribute("supplier_name", Kind.TEXT, ScdType.TYPE_1)),
			Map.of("name", "Unknown", "description", "Unknown", "category", "Unknown", "brand", "Unknown",
					"supplier_name", "Unknown"));

	/**
	 * The current state of every product that changed on the business date (the first
	 * {@code ?}), or whose preferred supplier did (the second), from the raw layer.
	 */
	public static final String CHANGED_PRODUCTS = """
			SELECT p.product_id, p.name, p.description, p.category, p.brand, p.unit_cost,
			       p.length, p.width, p.height, p.introduced_date, p.discontinued, p.no_longer_offered,
			       p.preferred_supplier_id, s.name AS supplier_name, p.inserted_at
			FROM raw_inventory_product p
			LEFT JOIN raw_inventory_supplier s ON s.supplier_id = p.preferred_supplier_id
			WHERE p.business_date = ?
			   OR p.preferred_supplier_id IN (SELECT supplier_id FROM raw_inventory_supplier WHERE business_date = ?)
			ORDER BY p.product_id""";

	private ProductDimension() {
	}

	/** A product's member state from a row of {@link #CHANGED_PRODUCTS}. */
	public static Member member(ResultSet rs, int row) throws SQLException {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("name", Cleaning.text(RawRows.text(rs, "name")));
		values.put("description", strip(RawRows.text(rs, "description")));
		values.put("category", Cleaning.text(RawRows.text(rs, "category")));
		values.put("brand", Cleaning.text(RawRows.text(rs, "brand")));
		values.put("unit_cost", RawRows.decimal(rs, "unit_cost"));
		values.put("dimensions",
				dimensions(RawRows.decimal(rs, "length"), RawRows.decimal(rs, "width"), RawRows.decimal(rs, "height")));
		values.put("introduced_date", RawRows.date(rs, "introduced_date"));
		values.put("discontinued", RawRows.bool(rs, "discontinued"));
		values.put("no_longer_offered", RawRows.bool(rs, "no_longer_offered"));
		values.put("supplier_id", RawRows.number(rs, "preferred_supplier_id"));
		values.put("supplier_name", Cleaning.text(RawRows.text(rs, "supplier_name")));
		return new Member(rs.getLong("product_id"), values, RawRows.day(rs, "inserted_at"));
	}

	/** {@code L x W x H}, as the catalogue prints it, when all three are known. */
	static String dimensions(BigDecimal length, BigDecimal width, BigDecimal height) {
		if (length == null || width == null || height == null) {
			return null;
		}
		return plain(length) + " x " + plain(width) + " x " + plain(height);
	}

	private static String plain(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}

	private static String strip(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
