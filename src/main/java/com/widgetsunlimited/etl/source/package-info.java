/**
 * What the three operational systems are, as the pipeline sees them (docs/sources.md):
 * the inventory drop's folder, file names and value formats, the e-commerce topics, the
 * in-store database and its tables. The pipeline reads the sources through these; the
 * simulator writes them through these; neither knows the other.
 */
package com.widgetsunlimited.etl.source;
