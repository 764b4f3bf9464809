package uk.hallmonitor.reports;

import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import uk.hallmonitor.system.security.Callers;

/**
 * {@code GET /api/v1/reports/weekly?schoolId=&week=2026-W47}: JSON by default and a PDF for
 * {@code Accept: application/pdf} (or {@code /weekly.pdf}); the page ({@code Accept: text/html} or
 * {@code /weekly.html}) is {@link uk.hallmonitor.reports.web.ReportPages}.
 */
@RestController
@RequestMapping("/api/v1/reports")
record ReportsController(WeeklyReports reports) {

    @GetMapping(value = "/weekly", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<WeeklyReport> weekly(@RequestParam(required = false) String schoolId,
                              @RequestParam(required = false) String week) {
        return Callers.current().flatMap(caller -> reports.forCaller(caller, schoolId, week));
    }

    @GetMapping(value = {"/weekly", "/weekly.pdf"}, produces = MediaType.APPLICATION_PDF_VALUE)
    Mono<ResponseEntity<byte[]>> pdf(@RequestParam(required = false) String schoolId,
                                     @RequestParam(required = false) String week) {
        return weekly(schoolId, week).publishOn(Schedulers.boundedElastic())
                .map(report -> ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                        .header("Content-Disposition", ContentDisposition.inline()
                                .filename("hallmonitor-weekly-" + report.week() + ".pdf").build().toString())
                        .body(ReportDocuments.pdf(report)));
    }
}
