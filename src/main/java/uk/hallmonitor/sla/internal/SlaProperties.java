package uk.hallmonitor.sla.internal;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import uk.hallmonitor.sla.calendar.WindowReading;

/**
 * How response clocks are computed and swept; each school may override the close of day, the window reading and
 * the praise exclusion through its SLA calendar.
 *
 * @param window             time allowed for a reply to an item received on a working day
 * @param closeOfDay         local time at which a working day ends, for schools that have not set their own
 * @param windowReading      how a window ending on a non-working day is read, for schools that have not chosen
 * @param reminderOffsets    how long before the due time the account's runners are reminded, one reminder each
 * @param sweepInterval      how often the Quartz job sweeps clocks and posts
 * @param sweepBatch         how many clocks or posts one sweep query takes at a time
 * @param bankHolidaysDir    folder of {@code REGION.json} files read at start (then the classpath folder of that name)
 * @param praiseThreshold    intent confidence at or above which PRAISE is excluded, for schools that exclude praise
 * @param postsOverlap       how far behind its watermark the post sweep re-reads, for posts stored out of order
 * @param postsLookback      how far back the post sweep starts when it has never run
 * @param ignoreOlderThan    items posted this long before they were collected (a first backfill) start no clock
 * @param metricsRefresh     how often the open and breached gauges are recounted from the store
 */
@ConfigurationProperties("hallmonitor.sla")
public record SlaProperties(
        Duration window,
        LocalTime closeOfDay,
        WindowReading windowReading,
        List<Duration> reminderOffsets,
        Duration sweepInterval,
        Integer sweepBatch,
        String bankHolidaysDir,
        Double praiseThreshold,
        Duration postsOverlap,
        Duration postsLookback,
        Duration ignoreOlderThan,
        Duration metricsRefresh) {

    public SlaProperties {
        window = window == null ? Duration.ofHours(24) : window;
        closeOfDay = closeOfDay == null ? LocalTime.of(17, 0) : closeOfDay;
        windowReading = windowReading == null ? WindowReading.STRICT : windowReading;
        reminderOffsets = reminderOffsets == null ? List.of(Duration.ofHours(4), Duration.ofHours(1))
                : reminderOffsets.stream().distinct().sorted(Comparator.reverseOrder()).toList();
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(30) : sweepInterval;
        sweepBatch = sweepBatch == null ? 500 : sweepBatch;
        bankHolidaysDir = bankHolidaysDir == null ? "scheduler/bank-holidays" : bankHolidaysDir;
        praiseThreshold = praiseThreshold == null ? 0.8 : praiseThreshold;
        postsOverlap = postsOverlap == null ? Duration.ofMinutes(10) : postsOverlap;
        postsLookback = postsLookback == null ? Duration.ofDays(7) : postsLookback;
        ignoreOlderThan = ignoreOlderThan == null ? Duration.ofDays(7) : ignoreOlderThan;
        metricsRefresh = metricsRefresh == null ? Duration.ofMinutes(1) : metricsRefresh;
        if (reminderOffsets.stream().anyMatch(offset -> offset.isNegative() || offset.isZero())) {
            throw new IllegalArgumentException("hallmonitor.sla.reminder-offsets must be positive: " + reminderOffsets);
        }
    }

    static SlaProperties defaults() {
        return new SlaProperties(null, null, null, null, null, null, null, null, null, null, null, null);
    }
}
