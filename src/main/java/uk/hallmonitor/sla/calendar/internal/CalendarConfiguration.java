package uk.hallmonitor.sla.calendar.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.hallmonitor.sla.internal.SlaProperties;

/** Wires the calendar: the bank holidays shipped with the application, by region. */
@Configuration(proxyBeanMethods = false)
class CalendarConfiguration {

    @Bean
    BankHolidays bankHolidays(SlaProperties properties) {
        return BankHolidays.load(properties.bankHolidaysDir());
    }
}
