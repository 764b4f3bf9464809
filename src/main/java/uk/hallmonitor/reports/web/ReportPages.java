package uk.hallmonitor.reports.web;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;
import uk.hallmonitor.reports.ReportDocuments;
import uk.hallmonitor.reports.ReportWeek;
import uk.hallmonitor.reports.WeeklyReport;
import uk.hallmonitor.reports.WeeklyReports;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.PageController;

/**
 * The weekly report page at {@code /ui/reports/weekly} (also what {@code /api/v1/reports/weekly} answers to a
 * browser asking for HTML): the same report as the JSON and the PDF, with a week picker and charts.
 */
@PageController
public class ReportPages {

    private static final int WEEKS_OFFERED = 12;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.UK);

    private final WeeklyReports reports;
    private final SchoolDirectory directory;
    private final Clock clock;

    ReportPages(WeeklyReports reports, SchoolDirectory directory, Clock clock) {
        this.reports = reports;
        this.directory = directory;
        this.clock = clock;
    }

    /** A week the picker offers. */
    public record WeekChoice(String value, String label) {
    }

    @GetMapping(value = {"/ui/reports/weekly", "/api/v1/reports/weekly",
            "/api/v1/reports/weekly.html"}, produces = MediaType.TEXT_HTML_VALUE)
    Mono<Rendering> weekly(@RequestParam(required = false) String schoolId,
                           @RequestParam(required = false) String week) {
        return Callers.current().flatMap(caller -> reports.forCaller(caller, schoolId, week)
                .flatMap(report -> directory.school(report.schoolId()).map(school -> {
                    LocalDate today = LocalDate.ofInstant(clock.instant(), school.timezone());
                    return Rendering.view("reports/weekly")
                            .modelAttribute("report", report)
                            .modelAttribute("sections", ReportDocuments.sections(report))
                            .modelAttribute("weeks", weeks(today, report.week()))
                            .modelAttribute("pdf", "/api/v1/reports/weekly.pdf?week=" + report.week()
                                    + (schoolId == null || schoolId.isBlank() ? "" : "&schoolId=" + report.schoolId()))
                            .modelAttribute("flaggedSentence", ReportDocuments.flaggedSentence(report.flagged()))
                            .modelAttribute("charts", charts(report))
                            .modelAttribute("schoolParam",
                                    schoolId == null || schoolId.isBlank() ? null : report.schoolId())
                            .build();
                })));
    }

    /** This week (so far) and the eleven before it, newest first, labelled with their dates. */
    static List<WeekChoice> weeks(LocalDate today, String shown) {
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<WeekChoice> weeks = new ArrayList<>();
        for (int back = 0; back < WEEKS_OFFERED; back++) {
            ReportWeek week = new ReportWeek(monday.minusWeeks(back));
            String label = "Week " + week.label().substring(6) + ", " + DAY.format(week.monday()) + " to "
                    + DAY.format(week.monday().plusDays(6)) + " " + week.monday().plusDays(6).getYear()
                    + (back == 0 ? " (this week, so far)" : back == 1 ? " (last week)" : "");
            weeks.add(new WeekChoice(week.label(), label));
        }
        if (weeks.stream().noneMatch(w -> w.value().equals(shown))) {
            weeks.add(new WeekChoice(shown, "Week " + shown));
        }
        return weeks;
    }

    static List<Charts.Chart> charts(WeeklyReport report) {
        List<Charts.Chart> charts = new ArrayList<>();
        List<Charts.Week> trend = report.trend().stream().map(w -> new Charts.Week(
                w.week().substring(5) + (w.soFar() ? "*" : ""), w.soFar(),
                w.compliance() == null ? null : w.compliance() * 100)).toList();
        charts.add(Charts.weeks("chart-compliance", "Replies on time, last eight weeks", trend));
        charts.add(Charts.horizontal("chart-incident-category", "New incidents by category",
                words(report.incidents().openedByCategory()), false, "No incidents were logged this week.", ""));
        charts.add(Charts.horizontal("chart-incident-severity", "New incidents by severity",
                words(report.incidents().openedBySeverity()), true, "No incidents were logged this week.", ""));
        charts.add(Charts.horizontal("chart-flagged-category", "Flagged posts by main category",
                words(report.flagged().byCategory()), false, "No posts were flagged this week.", ""));
        return charts;
    }

    private static <N extends Number> Map<String, N> words(Map<String, N> byCode) {
        Map<String, N> named = new LinkedHashMap<>();
        byCode.forEach((code, count) -> named.put(ReportDocuments.words(code), count));
        return named;
    }
}
