package uk.hallmonitor.sla.calendar.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bank holidays of each UK region, loaded at start from the shipped files and refreshed by uploads. Readers see
 * either the old or the new set of a region, never a half-replaced one.
 */
public final class BankHolidays {

    /** The regions GOV.UK publishes, as named there. */
    static final List<String> REGIONS = List.of("england-and-wales", "scotland", "northern-ireland");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, NavigableMap<LocalDate, BankHoliday>> byRegion = new ConcurrentHashMap<>();

    /** Reads {@code REGION.json} for every region from the directory, else from the classpath folder of that name. */
    public static BankHolidays load(String directory) {
        BankHolidays holidays = new BankHolidays();
        for (String region : REGIONS) {
            Path file = Path.of(directory, region + ".json");
            try (InputStream in = Files.isReadable(file) ? Files.newInputStream(file)
                    : BankHolidays.class.getClassLoader().getResourceAsStream(directory + "/" + region + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("no bank holidays for " + region + " at " + file.toAbsolutePath()
                            + " nor on the classpath: set hallmonitor.sla.bank-holidays-dir");
                }
                BankHolidayUpload upload = JSON.readValue(in, BankHolidayUpload.class);
                holidays.replace(region, upload.validate(region));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return holidays;
    }

    static BankHolidayUpload parse(String json) {
        return JSON.readValue(json, BankHolidayUpload.class);
    }

    public Set<LocalDate> dates(String region) {
        NavigableMap<LocalDate, BankHoliday> holidays = byRegion.get(region);
        return holidays == null ? Set.of() : holidays.keySet();
    }

    public Collection<BankHoliday> holidays(String region) {
        NavigableMap<LocalDate, BankHoliday> holidays = byRegion.get(region);
        return holidays == null ? List.of() : holidays.values();
    }

    public boolean knows(String region) {
        return REGIONS.contains(region);
    }

    public void replace(String region, Collection<BankHoliday> holidays) {
        NavigableMap<LocalDate, BankHoliday> fresh = new TreeMap<>();
        holidays.forEach(holiday -> fresh.put(holiday.date(), holiday));
        byRegion.put(region, java.util.Collections.unmodifiableNavigableMap(fresh));
    }

    /**
     * The region's holidays after an upload: every year the upload covers is replaced by the upload's dates, other
     * years are kept (GOV.UK's file covers a few years at a time, so a refresh must not forget older ones).
     */
    public List<BankHoliday> merged(String region, List<BankHoliday> upload) {
        Set<Integer> years = upload.stream().map(h -> h.date().getYear()).collect(Collectors.toSet());
        TreeMap<LocalDate, BankHoliday> result = new TreeMap<>();
        holidays(region).stream().filter(h -> !years.contains(h.date().getYear()))
                .forEach(h -> result.put(h.date(), h));
        upload.forEach(h -> result.put(h.date(), h));
        return List.copyOf(result.values());
    }
}
