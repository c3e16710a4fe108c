package dev.netlab.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** report.png: one bar per comparison showing candidate / baseline, with a line at 1.0. */
final class ReportChart {

    private ReportChart() {
    }

    static void write(Report report, Path png) throws IOException {
        List<String> labels = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (SuiteResult suite : report.suites()) {
            for (Comparison c : suite.comparisons()) {
                labels.add(suite.id() + ": " + c.name());
                ratios.add(c.ratio());
            }
        }
        if (labels.isEmpty()) {
            labels.add("(no comparisons)");
            ratios.add(0.0);
        }
        CategoryChart chart = new CategoryChartBuilder()
                .width(Math.max(800, 160 * labels.size())).height(600)
                .title("netlab: reference / baseline" + (report.config().smokeRun() ? " (smoke run)" : ""))
                .xAxisTitle("comparison")
                .yAxisTitle("ratio (candidate / baseline, one run)")
                .build();
        double highest = ratios.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).max().orElse(1.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsPosition(0.95);
        chart.getStyler().setDecimalPattern("0.00");
        chart.getStyler().setYAxisDecimalPattern("0.00");
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(Math.max(1.2, highest * 1.15));
        chart.getStyler().setXAxisLabelRotation(labels.size() > 4 ? 30 : 0);
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);

        CategorySeries bars = chart.addSeries("ratio", labels, ratios);
        bars.setFillColor(new Color(0x3b6ea5));
        CategorySeries parity = chart.addSeries("1.0 = same as baseline", labels,
                new ArrayList<>(Collections.nCopies(labels.size(), 1.0)));
        parity.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        parity.setLineColor(Color.RED);
        parity.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {8f, 6f}, 0f));
        parity.setMarker(SeriesMarkers.NONE);

        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
