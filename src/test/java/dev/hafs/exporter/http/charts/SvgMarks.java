package dev.hafs.exporter.http.charts;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Reads the marks of a chart's SVG with a real XML parser, which also proves the markup is well-formed. */
record SvgMarks(Document svg) {
    private static final Pattern SVG = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL);

    static SvgMarks of(String panelHtml) {
        Matcher matcher = SVG.matcher(panelHtml);
        if (!matcher.find()) {
            throw new AssertionError("no <svg> in " + panelHtml);
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return new SvgMarks(factory.newDocumentBuilder().parse(new InputSource(new StringReader(matcher.group()))));
        } catch (Exception e) {
            throw new AssertionError("chart SVG is not well-formed XML: " + e.getMessage(), e);
        }
    }

    List<Element> elements(String tag, String cssClass) {
        NodeList nodes = svg.getElementsByTagName(tag);
        List<Element> result = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (cssClass == null || element.getAttribute("class").equals(cssClass)) {
                result.add(element);
            }
        }
        return result;
    }

    static double number(Element element, String attribute) {
        return Double.parseDouble(element.getAttribute(attribute));
    }

    /** The text a {@code <text>} element draws: its own text, without its {@code <title>} tooltip. */
    static String drawnText(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE) {
                text.append(child.getNodeValue());
            }
        }
        return text.toString();
    }

    /** The viewBox's width and height. */
    double[] viewBox() {
        String[] box = svg.getDocumentElement().getAttribute("viewBox").trim().split("\\s+");
        return new double[] {Double.parseDouble(box[2]), Double.parseDouble(box[3])};
    }

    static String title(Element element) {
        return element.getElementsByTagName("title").item(0).getTextContent();
    }
}
