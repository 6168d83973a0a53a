/**
 * Showing the analysis: Markdown, CSV, charts (XChart, PNG and SVG) and the self-contained HTML
 * page, plus the catalogues as Markdown for the docs. Depends on the analysis and the model.
 */
package org.smrlab.reports.render;
