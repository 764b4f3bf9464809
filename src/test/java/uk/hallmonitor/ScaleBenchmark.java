package uk.hallmonitor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Load program (run by hand through {@code deploy/scripts/scale-bench.sh}, never as a test; it uses the JDK only, so
 * it runs from {@code target/test-classes} alone): a year of one school's
 * comments pushed into the shipped jar on an empty embedded store, from outside, the way a school's exports arrive.
 * <ul>
 *   <li>starts {@code java -jar JAR} on a new data folder and times start-up to readiness;</li>
 *   <li>makes a school, staff, an approved application and an activated Facebook account through the API;</li>
 *   <li>imports comments ({@code POST /api/v1/accounts/{id}/imports}) in files of {@code file} rows, texts taken in
 *       turn from the project's own hand-written corpus ({@code nlp-models/corpus/train}), each row a new comment id,
 *       posted times spread back over a year; the rate (rows stored per second, store + classify + verdict + clock +
 *       alert) is reported per stretch between checkpoints;</li>
 *   <li>at each checkpoint measures the lists the UI and API use (p50/p95 of sequential requests after a warm-up)
 *       and the service's resident memory;</li>
 *   <li>optionally kills the service with SIGKILL while a file is being imported at {@code killAt} posts, restarts it
 *       on the same folder, checks no answered row was lost, sends the interrupted file again and checks nothing was
 *       stored twice;</li>
 *   <li>at the end checks that the service holds exactly the comments sent (nothing lost, nothing twice).</li>
 * </ul>
 * Arguments are {@code key=value}: {@code jar} (required), {@code posts} (500000), {@code file} (2000),
 * {@code checkpoints} (comma-separated post counts), {@code killAt} (-1: no kill), {@code heap} (-Xmx1g),
 * {@code port} (18190), {@code corpus} (nlp-models/corpus/train), {@code label}, {@code out} (a Markdown file the
 * results are appended to), {@code samples} (30 timed requests per list), {@code warmups} (5 untimed requests per
 * list before them).
 */
public final class ScaleBenchmark {

    private static final String ADMIN_PASSWORD = "scale-bench-admin-1";
    private static final Pattern TOTAL = Pattern.compile("\"total\"\\s*:\\s*(\\d+)");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STORED = Pattern.compile("\"stored\"\\s*:\\s*(\\d+)");
    private static final Pattern UNCHANGED = Pattern.compile("\"unchanged\"\\s*:\\s*(\\d+)");
    private static final Pattern EDITED = Pattern.compile("\"edited\"\\s*:\\s*(\\d+)");

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Path data;
    private final List<String> texts;
    private final StringBuilder report = new StringBuilder();
    private Process service;
    private String base;
    private String school;
    private String account;

    private ScaleBenchmark(Map<String, String> options) throws IOException {
        this.options = options;
        this.data = Files.createTempDirectory("hallmonitor-scale");
        this.texts = corpusTexts(Path.of(option("corpus", "nlp-models/corpus/train")));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("arguments are key=value, got: " + arg);
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        if (!options.containsKey("jar")) {
            throw new IllegalArgumentException("jar=PATH is required (the service's runnable jar)");
        }
        new ScaleBenchmark(options).run();
    }

    private String option(String name, String otherwise) {
        return options.getOrDefault(name, otherwise);
    }

    private void run() throws Exception {
        int posts = Integer.parseInt(option("posts", "500000"));
        int fileRows = Integer.parseInt(option("file", "2000"));
        int killAt = Integer.parseInt(option("killAt", "-1"));
        List<Integer> checkpoints = Stream.of(option("checkpoints", "0,10000,50000,100000,200000,300000,400000,500000")
                .split(",")).map(String::trim).map(Integer::parseInt).filter(n -> n <= posts).sorted().toList();
        line("## " + option("label", option("jar", "")) + " — " + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + ", load average " + loadAverage());
        line("");
        line("jar `" + option("jar", "") + "`, " + posts + " comments in files of " + fileRows + " rows, heap "
                + option("heap", "-Xmx1g") + ", data folder " + data);
        line("");
        long started = start();
        line("start-up to readiness: " + started + " ms; resident memory " + rssMegabytes() + " MB");
        line("");
        setUp();
        line("| posts stored | rows/s since last checkpoint | RSS MB | open clocks | " + String.join(" | ",
                lists().keySet().stream().map(name -> name + " p50/p95 ms").toList()) + " |");
        line("| --- | --- | --- | --- | " + "--- | ".repeat(lists().size()));
        int sent = 0;
        long stretchRows = 0;
        long stretchNanos = 0;
        boolean killed = false;
        int next = 0;
        while (true) {
            while (next < checkpoints.size() && checkpoints.get(next) <= sent) {
                checkpoint(sent, stretchNanos == 0 ? Double.NaN : stretchRows / (stretchNanos / 1e9));
                stretchRows = 0;
                stretchNanos = 0;
                next++;
            }
            if (sent >= posts) {
                break;
            }
            int rows = Math.min(fileRows, posts - sent);
            byte[] file = csv(sent, rows, posts);
            if (!killed && killAt >= 0 && sent + rows > killAt) {
                killDuringImport(sent, rows, file);
                killed = true;
                sent += rows;
                continue;
            }
            long t0 = System.nanoTime();
            String answer = importFile(file, sent);
            stretchNanos += System.nanoTime() - t0;
            int stored = number(STORED, answer);
            if (stored + number(UNCHANGED, answer) + number(EDITED, answer) != rows) {
                throw new IllegalStateException("file at " + sent + " answered " + answer + " for " + rows + " rows");
            }
            stretchRows += stored;
            sent += rows;
        }
        int held = total("/api/v1/posts?accountId=" + account + "&size=1", "admin", ADMIN_PASSWORD);
        line("");
        line("comments sent " + sent + ", held by the service " + held + (held == sent
                ? ": nothing lost, nothing stored twice" : ": MISMATCH (" + (held - sent) + ")"));
        line("");
        stop();
        Files.writeString(Path.of(option("out", "target/scale-bench.md")), report.toString(), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (held != sent) {
            System.exit(1);
        }
    }

    // ---- the service

    private long start() throws Exception {
        int port = Integer.parseInt(option("port", "18190"));
        base = "http://127.0.0.1:" + port;
        Path log = data.resolve("service.log");
        ProcessBuilder builder = new ProcessBuilder("java", option("heap", "-Xmx1g"), "-jar", option("jar", ""),
                "--server.port=" + port, "--hallmonitor.monitoring.enabled=false",
                "--hallmonitor.reports.deliver=false", "--hallmonitor.privacy.purge=false")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("HALLMONITOR_DATA_DIR", data.resolve("store").toString());
        builder.environment().put("HALLMONITOR_ADMIN_PASSWORD", ADMIN_PASSWORD);
        builder.environment().remove("MONGODB_URI");
        long t0 = System.nanoTime();
        service = builder.start();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        while (Instant.now().isBefore(deadline)) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the service stopped while starting; see " + log);
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200 && ready.body().contains("UP")) {
                    return (System.nanoTime() - t0) / 1_000_000;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service was not ready within 10 minutes; see " + log);
    }

    private void stop() throws InterruptedException {
        service.destroy();
        if (!service.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            service.destroyForcibly().waitFor();
        }
    }

    private long rssMegabytes() {
        try {
            for (String row : Files.readAllLines(Path.of("/proc/" + service.pid() + "/status"))) {
                if (row.startsWith("VmRSS:")) {
                    return Long.parseLong(row.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    // ---- the school

    private void setUp() throws Exception {
        school = first(ID, send("POST", "/api/v1/schools", json(Map.of("name", "Scale Bench School")), "admin",
                ADMIN_PASSWORD, 201));
        String today = LocalDate.now().toString();
        List<String> ids = new ArrayList<>();
        for (String[] person : new String[][] {{"scalemod", "STAFF,MODERATOR,DSL"}, {"scalerun", "STAFF"},
                {"scaleapp", "STAFF"}, {"scaleslt", "SLT"}}) {
            String roles = Arrays.stream(person[1].split(",")).map(r -> "\"" + r + "\"")
                    .reduce((a, b) -> a + "," + b).orElseThrow();
            String id = first(ID, send("POST", "/api/v1/staff", "{\"schoolId\":\"" + school + "\",\"name\":\"Scale "
                    + person[0] + "\",\"email\":\"" + person[0] + "@school.test\",\"username\":\"" + person[0]
                    + "\",\"password\":\"" + person[0] + "-pass-1\",\"roles\":[" + roles + "]}", "admin",
                    ADMIN_PASSWORD, 201));
            send("POST", "/api/v1/staff/" + id + "/acknowledgements", json(Map.of("policyVersion", "2026", "signedOn",
                    today)), "admin", ADMIN_PASSWORD, 201);
            send("POST", "/api/v1/staff/" + id + "/training", json(Map.of("course", "Social media safety",
                    "completedOn", today)), "admin", ADMIN_PASSWORD, 201);
            ids.add(id);
        }
        String application = first(ID, send("POST", "/api/v1/applications", "{\"schoolId\":\"" + school
                + "\",\"platform\":\"FACEBOOK\",\"handle\":\"@scalebench\",\"aim\":\"News for parents\",\"audience\":"
                + "\"Parents and carers\",\"promotion\":\"Newsletter\",\"runnerIds\":[\"" + ids.get(0) + "\",\""
                + ids.get(1) + "\"],\"visibility\":\"OPEN\"}", "scaleapp", "scaleapp-pass-1", 201));
        send("POST", "/api/v1/applications/" + application + "/submit", "{}", "scaleapp", "scaleapp-pass-1", 200);
        send("POST", "/api/v1/applications/" + application + "/approve", "{}", "scaleslt", "scaleslt-pass-1", 200);
        account = first(ID, send("GET", "/api/v1/accounts?schoolId=" + school, null, "admin", ADMIN_PASSWORD, 200));
        send("POST", "/api/v1/accounts/" + account + "/activate",
                "{\"platformAccountId\":\"scale-bench-page\",\"connection\":{}}", "admin", ADMIN_PASSWORD, 200);
    }

    // ---- the comments

    private static List<String> corpusTexts(Path folder) throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".tsv")).sorted().toList()) {
                for (String row : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] columns = row.split("\t");
                    String text = columns[columns.length - 1].trim();
                    if (!text.isEmpty() && !row.startsWith("#")) {
                        texts.add(text);
                    }
                }
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalStateException("no texts in " + folder);
        }
        return texts;
    }

    /** Rows {@code from .. from+rows-1} of the year: ids {@code scale-N}, one author in forty repeats. */
    private byte[] csv(int from, int rows, int posts) {
        StringBuilder file = new StringBuilder("id,author,text,postedAt\n");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long spacing = Math.max(1, 365L * 24 * 3600 / Math.max(1, posts));
        for (int n = from; n < from + rows; n++) {
            String text = texts.get(n % texts.size()).replace("\"", "\"\"");
            Instant posted = now.minusSeconds(spacing * (posts - n));
            file.append("scale-").append(n).append(",parent_").append(n % 2_000).append(",\"").append(text)
                    .append("\",").append(posted).append('\n');
        }
        return file.toString().getBytes(StandardCharsets.UTF_8);
    }

    private String importFile(byte[] file, int from) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/accounts/" + account
                + "/imports?fileName=scale-" + from + ".csv"))
                .header("Authorization", basic("scalerun", "scalerun-pass-1")).header("Content-Type", "text/csv")
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofByteArray(file)).build();
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("import at " + from + " answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        return answer.body();
    }

    /**
     * SIGKILL while a file is being imported, restart on the same folder, then: every answered row is there; the
     * interrupted file sent again completes it; nothing is there twice.
     */
    private void killDuringImport(int answered, int rows, byte[] file) throws Exception {
        CompletableFuture<String> inFlight = CompletableFuture.supplyAsync(() -> {
            try {
                return importFile(file, answered);
            } catch (Exception e) {
                return "interrupted: " + e.getClass().getSimpleName();
            }
        });
        Thread.sleep(Long.parseLong(option("killAfterMs", "700")));
        service.destroyForcibly().waitFor();
        String firstAnswer = inFlight.get();
        long restarted = start();
        int present = total("/api/v1/posts?accountId=" + account + "&size=1", "admin", ADMIN_PASSWORD);
        String again = importFile(file, answered);
        int after = total("/api/v1/posts?accountId=" + account + "&size=1", "admin", ADMIN_PASSWORD);
        line("");
        line("kill -9 during the file of rows " + answered + "–" + (answered + rows - 1) + " (its answer: "
                + (firstAnswer.startsWith("{") ? "answered before the kill" : firstAnswer) + "); restart to readiness "
                + restarted + " ms; " + present + " held after restart for " + answered + " answered ("
                + (present >= answered ? "none lost" : (answered - present) + " LOST") + "); the file sent again "
                + "stored " + number(STORED, again) + " and found " + number(UNCHANGED, again) + " already there; "
                + after + " held for " + (answered + rows) + " sent (" + (after == answered + rows ? "none twice"
                        : "MISMATCH")
                + ")");
        line("");
        if (present < answered || after != answered + rows) {
            throw new IllegalStateException("the kill -9 check failed: see the report");
        }
    }

    // ---- the lists

    private Map<String, String[]> lists() {
        String week = LocalDate.now().getYear() + "-W" + String.format("%02d",
                LocalDate.now().get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        Map<String, String[]> lists = new LinkedHashMap<>();
        lists.put("posts", new String[] {"/api/v1/posts?size=50", "scalemod"});
        lists.put("flagged", new String[] {"/api/v1/posts?flagged=true&size=50", "scalemod"});
        lists.put("clocks due", new String[] {"/api/v1/sla/clocks?state=OPEN&size=50", "scalemod"});
        lists.put("incidents", new String[] {"/api/v1/incidents?size=50", "scalemod"});
        lists.put("alerts", new String[] {"/api/v1/alerts?size=50", "scalemod"});
        lists.put("audit", new String[] {"/api/v1/audit?size=50", "admin"});
        lists.put("report", new String[] {"/api/v1/reports/weekly?schoolId=" + school + "&week=" + week,
                "scaleslt"});
        lists.put("home page", new String[] {"/", "scalemod"});
        lists.put("inbox page", new String[] {"/ui/moderation", "scalemod"});
        return lists;
    }

    private void checkpoint(int stored, double rate) throws Exception {
        int samples = Integer.parseInt(option("samples", "30"));
        StringBuilder row = new StringBuilder("| " + stored + " | " + (Double.isNaN(rate) ? "–"
                : String.format("%.0f", rate)) + " | " + rssMegabytes() + " | ");
        row.append(stored == 0 ? 0 : total("/api/v1/sla/clocks?state=OPEN&size=1", "scalemod", "scalemod-pass-1"))
                .append(" |");
        for (String[] list : lists().values()) {
            String user = list[1];
            String password = user.equals("admin") ? ADMIN_PASSWORD : user + "-pass-1";
            for (int i = 0; i < Integer.parseInt(option("warmups", "5")); i++) {
                send("GET", list[0], null, user, password, 200);
            }
            long[] times = new long[samples];
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                send("GET", list[0], null, user, password, 200);
                times[i] = System.nanoTime() - t0;
            }
            Arrays.sort(times);
            row.append(String.format(" %.0f / %.0f |", times[samples / 2] / 1e6,
                    times[(int) Math.ceil(samples * 0.95) - 1] / 1e6));
        }
        line(row.toString());
    }

    // ---- HTTP

    private int total(String path, String user, String password) throws Exception {
        return number(TOTAL, send("GET", path, null, user, password, 200));
    }

    private String send(String method, String path, String body, String user, String password, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", basic(user, password)).timeout(Duration.ofMinutes(2));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        return answer.body();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                .reduce((a, b) -> a + "," + b).map(s -> "{" + s + "}").orElse("{}");
    }

    private static String first(Pattern pattern, String body) {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in " + body);
        }
        return matcher.group(1);
    }

    private static int number(Pattern pattern, String body) {
        return Integer.parseInt(first(pattern, body));
    }

    private void line(String text) {
        System.out.println(text);
        report.append(text).append('\n');
    }
}
