package dev.cumulus.bench;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * A bar chart as a PNG from the CSV a benchmark script wrote, for docs/benchmarks.md: one group of bars per value of
 * the category column, one bar per series. The series are either the value columns named (a chart of several
 * figures of each row, such as p50 and p99), or the values of a series column (a chart of one figure by two keys,
 * such as the time to the first answer by function and JVM). Each bar is labelled with its value.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.cumulus.bench.Charts OUT.png TITLE Y-LABEL CSV CATEGORY-COLUMN
 *     (- VALUE-COLUMN[,VALUE-COLUMN...] | SERIES-COLUMN VALUE-COLUMN)
 * </pre>
 */
public final class Charts {

    private static final Color[] PALETTE = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868),
            new Color(0xC44E52), new Color(0x8172B3), new Color(0x937860)};

    private Charts() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 7) {
            System.err
                    .println("usage: Charts OUT.png TITLE Y-LABEL CSV CATEGORY-COLUMN (- VALUE-COLUMNS | SERIES-COLUMN"
                            + " VALUE-COLUMN)");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        List<String> lines = Files.readAllLines(Path.of(args[3]), StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank()).toList();
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int category = column(header, args[4]);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            if (args[5].equals("-")) {
                for (String value : args[6].split(",")) {
                    data.addValue(Double.parseDouble(cells[column(header, value)]), value, cells[category]);
                }
            } else {
                data.addValue(Double.parseDouble(cells[column(header, args[6])]), cells[column(header, args[5])],
                        cells[category]);
            }
        }
        write(out, args[1], args[2], data);
        System.out.println("wrote " + out);
    }

    private static int column(List<String> header, String name) {
        int at = header.indexOf(name);
        if (at < 0) {
            throw new IllegalArgumentException("no column " + name + " in " + header);
        }
        return at;
    }

    private static void write(Path out, String title, String yLabel, DefaultCategoryDataset data) throws IOException {
        CategoryAxis x = new CategoryAxis();
        x.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
        x.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        NumberAxis y = new NumberAxis(yLabel);
        y.setUpperMargin(0.15);
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setItemMargin(0.05);
        bars.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                new java.text.DecimalFormat("#,##0.##")));
        bars.setDefaultItemLabelsVisible(true);
        bars.setDefaultItemLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i < data.getRowCount(); i++) {
            bars.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        CategoryPlot plot = new CategoryPlot(data, x, y, bars);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        JFreeChart chart = new JFreeChart(plot);
        chart.setTitle(new TextTitle(title, new Font(Font.SANS_SERIF, Font.BOLD, 15)));
        chart.setBackgroundPaint(Color.WHITE);
        LegendTitle legend = chart.getLegend();
        if (data.getRowCount() == 1) {
            chart.removeLegend();
        } else if (legend != null) {
            legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(out.toFile(), chart, 900, 420);
    }
}
