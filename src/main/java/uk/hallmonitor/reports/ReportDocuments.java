package uk.hallmonitor.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import uk.hallmonitor.sla.ComplianceFigures;
import uk.hallmonitor.system.web.Html;

/** The readable forms of a weekly report: plain text (email), an HTML page and a PDF, all from the same lines. */
final class ReportDocuments {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.UK);

    private ReportDocuments() {
    }

    /** A heading and its lines; a table is lines whose cells are separated by tabs, the first being the header. */
    record Section(String heading, List<String> lines, boolean table) {
    }

    static String title(WeeklyReport report) {
        return "Weekly report " + report.week() + " · " + report.schoolName();
    }

    static List<Section> sections(WeeklyReport report) {
        ZoneId zone = report.timezone();
        List<Section> sections = new ArrayList<>();
        List<String> about = new ArrayList<>();
        about.add(report.summary());
        about.add("Week " + report.week() + ": " + DAY.format(report.from().atZone(zone)) + " to "
                + DAY.format(report.to().atZone(zone)) + (report.weekComplete() ? "" : " (week not over: figures so far)"));
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
            incidents.openedByCategory().forEach((category, count) -> kinds.add(category + "\t" + count));
            sections.add(new Section("New incidents by category", kinds, true));
            List<String> severities = new ArrayList<>();
            severities.add("severity\tlogged this week");
            incidents.openedBySeverity().forEach((severity, count) -> severities.add(severity + "\t" + count));
            sections.add(new Section("New incidents by severity", severities, true));
        }
        if (!incidents.items().isEmpty()) {
            List<String> items = new ArrayList<>();
            items.add("incident\tcategory\tseverity\tstatus\topened\tclosed");
            incidents.items().forEach(line -> items.add(String.join("\t", line.id(), line.category(), line.severity(),
                    line.status(), DAY.format(line.openedAt().atZone(zone)),
                    line.closedAt() == null ? "" : DAY.format(line.closedAt().atZone(zone)))));
            sections.add(new Section("Incidents open during the week", items, true));
        }

        uk.hallmonitor.moderation.ModerationWeek moderation = report.moderation();
        List<String> flagged = new ArrayList<>();
        flagged.add("category\tflagged posts");
        moderation.flaggedByCategory().forEach((category, count) -> flagged.add(category + "\t" + count));
        flagged.add("all\t" + moderation.flagged());
        sections.add(new Section("Flagged posts by category", flagged, true));
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
        responses.add("account\tstatus\titems\ton time\tlate\tno reply by due time\tnot yet due\tcompliance\tmedian first reply");
        responses.add(figures("whole school\t", report.responses().school()));
        report.responses().accounts().forEach(line -> responses.add(
                figures(line.platform() + " " + line.handle() + "\t" + line.status(), line.figures())));
        sections.add(new Section("Replies within the response time (R5)", responses, true));

        WeeklyReport.Accounts accounts = report.accounts();
        List<String> register = new ArrayList<>();
        register.add("status\taccounts");
        accounts.byStatus().forEach((status, count) -> register.add(status + "\t" + count));
        sections.add(new Section("Account register (" + accounts.total() + " accounts)", register, true));
        if (!accounts.needingRunner().isEmpty()) {
            sections.add(new Section("Accounts that need a runner", accounts.needingRunner(), false));
        }
        if (report.auditChain() != null) {
            // kept with the report, outside the service: a later trail that no longer reaches this entry with this
            // MAC was cut short or rewritten
            sections.add(new Section("Audit trail anchor", List.of("entry	MAC	anchored",
                    report.auditChain().seq() + "	" + report.auditChain().mac() + "	"
                            + report.auditChain().at()), true));
        }
        return sections;
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

    /** The page body (escaped), for {@link Html#render}. */
    static String html(WeeklyReport report) {
        StringBuilder body = new StringBuilder();
        for (Section section : sections(report)) {
            body.append("<h2>").append(Html.escape(section.heading())).append("</h2>");
            if (section.table()) {
                body.append("<table>");
                boolean header = true;
                for (String line : section.lines()) {
                    String cell = header ? "th" : "td";
                    body.append("<tr>");
                    for (String value : line.split("\t", -1)) {
                        body.append('<').append(cell).append('>').append(Html.escape(value))
                                .append("</").append(cell).append('>');
                    }
                    body.append("</tr>");
                    header = false;
                }
                body.append("</table>");
            } else {
                section.lines().forEach(line -> body.append("<p>").append(Html.escape(line)).append("</p>"));
            }
        }
        return body.toString();
    }

    static byte[] pdf(WeeklyReport report) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            new PdfWriter(document).write(title(report), sections(report));
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lays the sections out on A4 pages in the standard Helvetica fonts, wrapping lines and adding pages. */
    private static final class PdfWriter {

        private static final float MARGIN = 50;
        private static final float LEADING = 14;
        private static final PDType1Font REGULAR = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private static final PDType1Font BOLD = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);

        private final PDDocument document;
        private PDPageContentStream page;
        private float y;

        PdfWriter(PDDocument document) {
            this.document = document;
        }

        void write(String title, List<Section> sections) throws IOException {
            newPage();
            line(title, BOLD, 15);
            y -= LEADING / 2;
            for (Section section : sections) {
                y -= LEADING / 2;
                line(section.heading(), BOLD, 12);
                boolean header = section.table();
                for (String text : section.lines()) {
                    String shown = section.table() ? text.replace("\t", "  |  ") : text;
                    for (String part : wrap(shown, header ? BOLD : REGULAR, 9.5f)) {
                        line(part, header ? BOLD : REGULAR, 9.5f);
                    }
                    header = false;
                }
            }
            page.close();
        }

        private void newPage() throws IOException {
            if (page != null) {
                page.close();
            }
            PDPage next = new PDPage(PDRectangle.A4);
            document.addPage(next);
            page = new PDPageContentStream(document, next);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        private void line(String text, PDType1Font font, float size) throws IOException {
            if (y < MARGIN) {
                newPage();
            }
            page.beginText();
            page.setFont(font, size);
            page.newLineAtOffset(MARGIN, y);
            page.showText(printable(text));
            page.endText();
            y -= LEADING;
        }

        private static List<String> wrap(String text, PDType1Font font, float size) throws IOException {
            float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : printable(text).split(" ")) {
                String tried = current.isEmpty() ? word : current + " " + word;
                if (font.getStringWidth(tried) / 1000 * size > width && !current.isEmpty()) {
                    lines.add(current.toString());
                    current = new StringBuilder(word);
                } else {
                    current = new StringBuilder(tried);
                }
            }
            lines.add(current.toString());
            return lines;
        }

        // The standard fonts only know WinAnsi: anything else (a school name in another script, say) becomes '?'.
        private static String printable(String text) {
            StringBuilder out = new StringBuilder(text.length());
            text.codePoints().forEach(c -> {
                if (c == '–' || c == '·' || c == '’') {
                    out.appendCodePoint(c);
                } else if (c < 0x20 || c > 0xFF || (c >= 0x7F && c < 0xA0)) {
                    out.append('?');
                } else {
                    out.appendCodePoint(c);
                }
            });
            return out.toString();
        }
    }
}
