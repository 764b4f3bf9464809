package uk.hallmonitor.sla.calendar.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A region's bank holidays as last uploaded by an administrator, in {@code sla_bank_holidays}; these replace the
 * shipped file's dates at start and on every sweep, so every instance follows the latest upload.
 *
 * @param region     the region
 * @param holidays   its holidays (dates as ISO text)
 * @param uploadedAt when
 * @param uploadedBy who
 */
@Document("sla_bank_holidays")
public record StoredBankHolidays(@Id String region, List<Entry> holidays, Instant uploadedAt, String uploadedBy) {

    /** One stored holiday. */
    record Entry(String date, String title, String notes) {
    }

    public static StoredBankHolidays of(String region, List<BankHoliday> holidays, Instant at, String by) {
        return new StoredBankHolidays(region, holidays.stream()
                .map(h -> new Entry(h.date().toString(), h.title(), h.notes())).toList(), at, by);
    }

    public List<BankHoliday> bankHolidays() {
        return holidays.stream().map(e -> new BankHoliday(LocalDate.parse(e.date()), e.title(), e.notes())).toList();
    }
}
