package uk.hallmonitor.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentCatalog;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.COSObjectable;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.common.PDNumberTreeNode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkedContentReference;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDParentTreeValue;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.PDTableAttributeObject;
import org.apache.pdfbox.pdmodel.documentinterchange.taggedpdf.StandardStructureTypes;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.RenderingMode;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;
import uk.hallmonitor.sla.ComplianceFigures;

/** The readable forms of a weekly report: plain text (email) and a tagged PDF, from the same lines as the page. */
public final class ReportDocuments {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.UK);

    private ReportDocuments() {
    }

    /** A heading and its lines; a table is lines whose cells are separated by tabs, the first being the header. */
    public record Section(String heading, List<String> lines, boolean table) {
    }

    public static String title(WeeklyReport report) {
        return "Weekly report " + report.week() + " · " + report.schoolName();
    }

    public static List<Section> sections(WeeklyReport report) {
        ZoneId zone = report.timezone();
        List<Section> sections = new ArrayList<>();
        List<String> about = new ArrayList<>();
        about.add(report.summary());
        about.add("Week " + report.week() + ": " + DAY.format(report.from().atZone(zone)) + " to "
                + DAY.format(report.to().atZone(zone))
                + (report.weekComplete() ? "" : " (week not over: figures so far)"));
        about.add("Made " + DAY.format(report.generatedAt().atZone(zone)) + " by Hallmonitor.");
        sections.add(new Section("Summary", about, false));

        WeeklyReport.Incidents incidents = report.incidents();
        List<String> counts = new ArrayList<>();
        counts.add("logged this week\tclosed this week\tstill open at the end");
        counts.add(incidents.opened() + "\t" + incidents.closed() + "\t" + incidents.openAtEnd());
        sections.add(new Section("Incidents", counts, true));
        if (!incidents.openedByCategory().isEmpty()) {
            List<String> kinds = new ArrayList<>();
            kinds.add("category\tlogged this week");
            incidents.openedByCategory().forEach((category, count) -> kinds.add(words(category) + "\t" + count));
            sections.add(new Section("New incidents by category", kinds, true));
            List<String> severities = new ArrayList<>();
            severities.add("severity\tlogged this week");
            incidents.openedBySeverity().forEach((severity, count) -> severities.add(words(severity) + "\t" + count));
            sections.add(new Section("New incidents by severity", severities, true));
        }
        if (!incidents.items().isEmpty()) {
            List<String> items = new ArrayList<>();
            items.add("incident\tcategory\tseverity\tstatus\topened\tclosed");
            incidents.items().forEach(
                    line -> items.add(String.join("\t", line.id(), words(line.category()), words(line.severity()),
                            words(line.status()), DAY.format(line.openedAt().atZone(zone)),
                            line.closedAt() == null ? "" : DAY.format(line.closedAt().atZone(zone)))));
            sections.add(new Section("Incidents open during the week", items, true));
        }

        WeeklyReport.Flagged flagged = report.flagged();
        List<String> posts = new ArrayList<>();
        posts.add(flaggedSentence(flagged));
        sections.add(new Section("Flagged posts", posts, false));
        if (flagged.flagged() > 0) {
            List<String> kinds = new ArrayList<>();
            kinds.add("main category\tposts flagged");
            flagged.byCategory().forEach((category, count) -> {
                if (count > 0) {
                    kinds.add(words(category) + "\t" + count);
                }
            });
            sections.add(new Section("Flagged posts by category", kinds, true));
        }

        List<String> trend = new ArrayList<>();
        trend.add("week\titems due\tanswered on time\tcompliance");
        report.trend().forEach(week -> trend.add(week.week() + (week.soFar() ? " (so far)" : "") + "\t"
                + week.decided() + "\t" + week.metOnTime() + "\t"
                + (week.compliance() == null ? "nothing due" : Math.round(week.compliance() * 100) + "%")));
        sections.add(new Section("Replies on time over eight weeks", trend, true));

        uk.hallmonitor.moderation.ModerationWeek moderation = report.moderation();
        List<String> severities = new ArrayList<>();
        severities.add("severity\tflagged posts");
        moderation.flaggedBySeverity().forEach((severity, count) -> severities.add(severity + "\t" + count));
        sections.add(new Section("Flagged posts by severity", severities, true));
        List<String> safeguarding = new ArrayList<>();
        safeguarding.add("raised\tseverity\tcategory\tincident\ttold so far\tacknowledged by\ttime to acknowledge");
        moderation.safeguardingAlerts().forEach(line -> safeguarding.add(String.join("\t",
                DAY.format(line.raisedAt().atZone(zone)), line.severity(), line.category(),
                line.incidentNumber() == null ? "" : line.incidentNumber(), line.reached(),
                line.acknowledgedByName() == null ? "not acknowledged" : line.acknowledgedByName(),
                duration(line.timeToAcknowledge()))));
        safeguarding.add("median time to acknowledge\t" + duration(moderation.medianTimeToAcknowledge()));
        sections.add(new Section("Safeguarding alerts (" + moderation.safeguardingAlerts().size() + ", "
                + moderation.escalations() + " escalation steps)", safeguarding, true));

        List<String> responses = new ArrayList<>();
        responses.add(
                "account\tstatus\titems\ton time\tlate\tno reply by due time\tnot yet due\tcompliance\tmedian first reply");
        responses.add(figures("whole school\t", report.responses().school()));
        report.responses().accounts().forEach(line -> responses.add(
                figures(line.handle() + " (" + line.platform() + ")\t" + accountStatus(line.status()),
                        line.figures())));
        sections.add(new Section("Replies within the response time (R5)", responses, true));

        WeeklyReport.Accounts accounts = report.accounts();
        List<String> register = new ArrayList<>();
        register.add("status\taccounts");
        accounts.byStatus().forEach((status, count) -> register.add(accountStatus(status) + "\t" + count));
        sections.add(new Section("Account register (" + accounts.total() + " accounts)", register, true));
        if (!accounts.needingRunner().isEmpty()) {
            sections.add(new Section("Accounts that need a runner", accounts.needingRunner(), false));
        }
        if (report.auditChain() != null) {
            // kept with the report, outside the service: a later trail that no longer reaches this entry with this
            // MAC was cut short or rewritten
            sections.add(new Section("Audit trail anchor", List.of("entry	MAC	anchored",
                    report.auditChain().seq() + "	" + report.auditChain().mac() + "	"
                            + report.auditChain().at()),
                    true));
        }
        return sections;
    }

    /** "Posts flagged" in one sentence, also when there were none. */
    public static String flaggedSentence(WeeklyReport.Flagged f) {
        if (f.flagged() == 0) {
            return "No posts were flagged this week.";
        }
        return (f.flagged() == 1 ? "1 post was" : f.flagged() + " posts were") + " flagged: "
                + f.safeguarding() + " went to the designated safeguarding lead as a safeguarding concern, "
                + f.suspectedIllegal() + (f.suspectedIllegal() == 1 ? " was" : " were")
                + " sealed as suspected illegal content, and " + f.stillOpen()
                + (f.stillOpen() == 1 ? " still waits" : " still wait") + " for a moderator.";
    }

    /** An enum code as words: {@code PERSONAL_DATA} → "Personal data", {@code SELF_HARM} → "Self-harm". */
    public static String words(String code) {
        if (code == null || code.isEmpty()) {
            return "";
        }
        if (code.equals("SELF_HARM")) {
            return "Self-harm";
        }
        String lower = code.toLowerCase(Locale.UK).replace('_', ' ');
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    public static String accountStatus(String status) {
        return switch (status) {
            case "PROVISIONING" -> "Being set up";
            case "NEEDS_RUNNER" -> "Needs runners";
            default -> words(status);
        };
    }

    private static String figures(String name, ComplianceFigures f) {
        return name + "\t" + f.total() + "\t" + f.metOnTime() + "\t" + f.metLate() + "\t" + f.breached() + "\t"
                + f.open() + "\t" + (f.compliance() == null ? "–" : Math.round(f.compliance() * 100) + "%") + "\t"
                + duration(f.medianFirstResponse());
    }

    private static String duration(Duration duration) {
        if (duration == null) {
            return "–";
        }
        long minutes = duration.toMinutes();
        return minutes < 60 ? minutes + " min" : "%d h %02d min".formatted(minutes / 60, minutes % 60);
    }

    static String text(WeeklyReport report) {
        StringBuilder text = new StringBuilder(title(report)).append("\n\n");
        for (Section section : sections(report)) {
            text.append(section.heading()).append('\n');
            section.lines().forEach(line -> text.append("  ").append(line.replace("\t", " | ")).append('\n'));
            text.append('\n');
        }
        return text.toString();
    }

    public static byte[] pdf(WeeklyReport report) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            new TaggedPdf(document, title(report)).write(sections(report));
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Lays the sections out on A4 as a tagged PDF (PDF/UA as far as PDFBox allows without a validator): an embedded
     * Unicode font (Liberation Sans, shipped inside PDFBox), a structure tree (Document, H1, H2, P, Table, TR, TH with
     * column scope, TD) whose every piece of text is marked content, rules and repeated headers marked as artifacts,
     * the language, and the title shown instead of the file name.
     */
    private static final class TaggedPdf {

        private static final float MARGIN = 50;
        private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
        private static final float TEXT = 9.5f;
        private static final float LEADING = 12.5f;
        private static final float PAD = 3;

        private final PDDocument document;
        private final String title;
        private final PDType0Font font;
        private final PDStructureElement root;
        private final List<List<PDStructureElement>> pageMarks = new ArrayList<>();
        private PDPage page;
        private PDPageContentStream stream;
        private float y;

        TaggedPdf(PDDocument document, String title) throws IOException {
            this.document = document;
            this.title = title;
            try (InputStream ttf = ReportDocuments.class.getResourceAsStream(
                    "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
                this.font = PDType0Font.load(document, ttf, true);
            }
            PDDocumentCatalog catalog = document.getDocumentCatalog();
            PDStructureTreeRoot tree = new PDStructureTreeRoot();
            catalog.setStructureTreeRoot(tree);
            PDMarkInfo markInfo = new PDMarkInfo();
            markInfo.setMarked(true);
            catalog.setMarkInfo(markInfo);
            catalog.setLanguage("en-GB");
            PDViewerPreferences preferences = new PDViewerPreferences(new COSDictionary());
            preferences.setDisplayDocTitle(true);
            catalog.setViewerPreferences(preferences);
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(title);
            info.setAuthor("Hallmonitor");
            info.setSubject("Weekly report for school leadership and governors");
            PDMetadata metadata = new PDMetadata(document);
            metadata.importXMPMetadata(xmp(title).getBytes(StandardCharsets.UTF_8));
            catalog.setMetadata(metadata);
            root = new PDStructureElement(StandardStructureTypes.DOCUMENT, null);
            tree.appendKid(root);
            root.setParent(tree);
        }

        void write(List<Section> sections) throws IOException {
            newPage();
            paragraph(root, StandardStructureTypes.H1, title, 15, true);
            y -= LEADING / 2;
            for (Section section : sections) {
                y -= LEADING / 2;
                paragraph(root, StandardStructureTypes.H2, section.heading(), 12, true);
                if (section.table()) {
                    table(section.lines());
                } else {
                    for (String line : section.lines()) {
                        paragraph(root, StandardStructureTypes.P, line, TEXT, false);
                    }
                }
            }
            stream.close();
            finishTree();
        }

        private void paragraph(PDStructureElement parent, String type, String text, float size, boolean strong)
                throws IOException {
            PDStructureElement element = child(parent, type);
            for (String line : wrap(text, size, WIDTH)) {
                if (y - size < MARGIN) {
                    newPage();
                }
                show(element, line, MARGIN, y - size, size, strong);
                y -= size + 4;
            }
            y -= 2;
        }

        private void table(List<String> lines) throws IOException {
            List<String[]> rows = lines.stream().map(line -> line.split("\t", -1)).toList();
            int columns = rows.get(0).length;
            float[] widths = widths(rows, columns);
            PDStructureElement table = child(root, StandardStructureTypes.TABLE);
            for (int r = 0; r < rows.size(); r++) {
                boolean header = r == 0;
                List<List<String>> cells = new ArrayList<>();
                int height = 1;
                for (int c = 0; c < columns; c++) {
                    String value = c < rows.get(r).length ? rows.get(r)[c] : "";
                    List<String> wrapped = wrap(value, TEXT, widths[c] - 2 * PAD);
                    cells.add(wrapped);
                    height = Math.max(height, wrapped.size());
                }
                float rowHeight = height * LEADING + 2 * PAD;
                if (y - rowHeight < MARGIN) {
                    newPage();
                    if (!header) {
                        repeatHeader(rows.get(0), widths);
                    }
                }
                PDStructureElement row = child(table, StandardStructureTypes.TR);
                float x = MARGIN;
                for (int c = 0; c < columns; c++) {
                    PDStructureElement cell =
                            child(row, header ? StandardStructureTypes.TH : StandardStructureTypes.TD);
                    if (header) {
                        PDTableAttributeObject scope = new PDTableAttributeObject();
                        scope.setScope(PDTableAttributeObject.SCOPE_COLUMN);
                        cell.addAttribute(scope);
                    }
                    float lineY = y - PAD - TEXT;
                    for (String part : cells.get(c)) {
                        if (!part.isEmpty()) {
                            show(cell, part, x + PAD, lineY, TEXT, header);
                        }
                        lineY -= LEADING;
                    }
                    x += widths[c];
                }
                rule(y - rowHeight, header ? 1f : 0.4f);
                y -= rowHeight;
            }
            y -= LEADING / 2;
        }

        /** A table's header again at the top of a new page: for sighted readers only, so an artifact. */
        private void repeatHeader(String[] header, float[] widths) throws IOException {
            float rowHeight = LEADING + 2 * PAD;
            stream.beginMarkedContent(COSName.ARTIFACT);
            float x = MARGIN;
            for (int c = 0; c < header.length; c++) {
                List<String> parts = wrap(header[c], TEXT, widths[c] - 2 * PAD);
                text(parts.get(0), x + PAD, y - PAD - TEXT, TEXT, true);
                x += widths[c];
            }
            stream.endMarkedContent();
            rule(y - rowHeight, 1f);
            y -= rowHeight;
        }

        /** Column widths: each column's natural width, shrunk in proportion when the table is too wide. */
        private float[] widths(List<String[]> rows, int columns) throws IOException {
            float[] natural = new float[columns];
            for (String[] row : rows) {
                for (int c = 0; c < columns && c < row.length; c++) {
                    natural[c] = Math.max(natural[c], Math.min(width(row[c], TEXT) + 2 * PAD, WIDTH / 2));
                }
            }
            float total = 0;
            for (float w : natural) {
                total += Math.max(w, 30);
            }
            float[] widths = new float[columns];
            for (int c = 0; c < columns; c++) {
                widths[c] = total <= WIDTH ? Math.max(natural[c], 30) : Math.max(natural[c], 30) * WIDTH / total;
            }
            return widths;
        }

        private void rule(float at, float thickness) throws IOException {
            stream.beginMarkedContent(COSName.ARTIFACT);
            stream.setLineWidth(thickness);
            stream.moveTo(MARGIN, at);
            stream.lineTo(MARGIN + WIDTH, at);
            stream.stroke();
            stream.endMarkedContent();
        }

        /** Shows text as marked content belonging to {@code element}. */
        private void show(PDStructureElement element, String text, float x, float at, float size, boolean strong)
                throws IOException {
            List<PDStructureElement> marks = pageMarks.get(pageMarks.size() - 1);
            int mcid = marks.size();
            marks.add(element);
            COSDictionary properties = new COSDictionary();
            properties.setInt(COSName.MCID, mcid);
            stream.beginMarkedContent(COSName.getPDFName(element.getStructureType()),
                    PDPropertyList.create(properties));
            text(text, x, at, size, strong);
            stream.endMarkedContent();
            PDMarkedContentReference reference = new PDMarkedContentReference();
            reference.setPage(page);
            reference.setMCID(mcid);
            element.appendKid(reference);
        }

        private void text(String text, float x, float at, float size, boolean strong) throws IOException {
            stream.beginText();
            stream.setFont(font, size);
            // the embedded font has no bold face: headings are drawn with a thin outline as well
            stream.setRenderingMode(strong ? RenderingMode.FILL_STROKE : RenderingMode.FILL);
            if (strong) {
                stream.setLineWidth(0.35f);
            }
            stream.newLineAtOffset(x, at);
            stream.showText(printable(text));
            stream.endText();
        }

        private PDStructureElement child(PDStructureElement parent, String type) {
            PDStructureElement element = new PDStructureElement(type, parent);
            element.setPage(page);
            parent.appendKid(element);
            return element;
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            page = new PDPage(PDRectangle.A4);
            page.setStructParents(pageMarks.size());
            // tab order follows the structure (PDF/UA 7.18.3)
            page.getCOSObject().setName(COSName.getPDFName("Tabs"), "S");
            document.addPage(page);
            pageMarks.add(new ArrayList<>());
            stream = new PDPageContentStream(document, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        /** The parent tree: for each page, the structure element of each marked-content id. */
        private void finishTree() {
            PDStructureTreeRoot tree = document.getDocumentCatalog().getStructureTreeRoot();
            PDNumberTreeNode parents = new PDNumberTreeNode(PDParentTreeValue.class);
            Map<Integer, COSObjectable> numbers = new HashMap<>();
            for (int i = 0; i < pageMarks.size(); i++) {
                COSArray elements = new COSArray();
                pageMarks.get(i).forEach(element -> elements.add(element.getCOSObject()));
                numbers.put(i, new PDParentTreeValue(elements));
            }
            parents.setNumbers(numbers);
            tree.setParentTree(parents);
            tree.setParentTreeNextKey(pageMarks.size());
        }

        private List<String> wrap(String text, float size, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : printable(text).split(" ")) {
                String tried = current.isEmpty() ? word : current + " " + word;
                if (width(tried, size) > width && !current.isEmpty()) {
                    lines.add(current.toString());
                    current = new StringBuilder(word);
                } else {
                    current = new StringBuilder(tried);
                }
            }
            lines.add(current.toString());
            return lines;
        }

        private float width(String text, float size) throws IOException {
            return font.getStringWidth(printable(text)) / 1000 * size;
        }

        // a character the font has no glyph for (a school name in another script, say) becomes '?'
        private String printable(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(c -> {
                if (c < 0x20) {
                    out.append(' ');
                    return;
                }
                try {
                    font.encode(new String(Character.toChars(c)));
                    out.appendCodePoint(c);
                } catch (IOException | IllegalArgumentException e) {
                    out.append('?');
                }
            });
            return out.toString();
        }

        private static String xmp(String title) {
            String escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
            return """
                    <?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
                    <x:xmpmeta xmlns:x="adobe:ns:meta/">
                     <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                      <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
                          xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
                       <dc:title><rdf:Alt><rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt></dc:title>
                       <dc:language><rdf:Bag><rdf:li>en-GB</rdf:li></rdf:Bag></dc:language>
                       <pdfuaid:part>1</pdfuaid:part>
                      </rdf:Description>
                     </rdf:RDF>
                    </x:xmpmeta>
                    <?xpacket end="w"?>""".formatted(escaped);
        }
    }
}
