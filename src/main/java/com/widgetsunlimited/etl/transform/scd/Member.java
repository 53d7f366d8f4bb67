package com.widgetsunlimited.etl.transform.scd;

import java.util.Map;

/**
 * A dimension member's state as the sources tell it on a business date: its natural key
 * and a value for each attribute of its dimension.
 */
public record Member(long naturalKey, Map<String, Object> values) {
}
