package uk.hallmonitor.schools.internal;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.SchoolCsv;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.Flash;
import uk.hallmonitor.system.web.PageController;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.ProblemFields;
import uk.hallmonitor.system.web.Problems;

/**
 * The IT administrator's pages ({@code /ui/admin}): schools and their settings, staff with their roles, passwords,
 * locks, training and policy records, and the staff import from the school's MIS. They call the same services as
 * the REST API, so a page can do nothing the API would refuse.
 */
@PageController
record AdminPages(StaffRecords records, StaffAdministration administration) {

    static final String IMPORT_KEY = "hallmonitor.staffImport.";
    private static final int MAX_UPLOAD = 1_000_000;

    /** A role as the pages name it. */
    record RoleChoice(String name, String label, boolean checked) {
    }

    static final Map<Role, String> ROLE_WORDS = Map.of(Role.ADMIN, "IT administrator", Role.SLT,
            "Senior leadership (SLT)", Role.DSL, "Designated safeguarding lead", Role.DEPUTY_DSL,
            "Deputy safeguarding lead", Role.HEADTEACHER, "Head teacher", Role.MODERATOR, "Moderator", Role.STAFF,
            "Staff", Role.GOVERNOR, "Governor");
    static final Map<String, String> REGION_WORDS = new LinkedHashMap<>();

    static {
        REGION_WORDS.put("england-and-wales", "England and Wales");
        REGION_WORDS.put("scotland", "Scotland");
        REGION_WORDS.put("northern-ireland", "Northern Ireland");
    }

    private static final Map<String, String> SCHOOL_LABELS = Map.of("name", "School name", "urn", "URN",
            "timezone", "Time zone", "bankHolidayRegion", "Bank holidays", "policyVersion", "Policy version");
    private static final Map<String, String> STAFF_LABELS = Map.of("name", "Full name", "email", "Email",
            "username", "Username", "password", "Password", "roles", "Roles", "schoolId", "School");
    private static final Map<String, String> TRAINING_LABELS = Map.of("course", "Course", "completedOn",
            "Completed on", "expiresOn", "Expires on");

    // ---- schools

    @GetMapping("/ui/admin")
    Mono<Rendering> schools() {
        return admin().flatMap(caller -> schoolsPage(caller, Map.of(), List.of()));
    }

    private Mono<Rendering> schoolsPage(Caller caller, Map<String, String> typed, List<ProblemFields.Shown> errors) {
        return records.schools(caller).collectList().map(schools -> Rendering.view("schools/admin")
                .modelAttribute("schools", schools)
                .modelAttribute("regions", REGION_WORDS)
                .modelAttribute("typed", typed)
                .modelAttribute("errors", errors)
                .status(errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
                .build());
    }

    @PostMapping("/ui/admin/schools")
    Mono<Rendering> createSchool(ServerWebExchange exchange) {
        return admin().zipWith(form(exchange)).flatMap(t -> {
            Caller caller = t.getT1();
            Map<String, String> typed = t.getT2();
            List<ProblemFields.Shown> errors = new ArrayList<>();
            if (typed.get("name").isBlank()) {
                errors.add(ProblemFields.field("name", "give the school's name", SCHOOL_LABELS));
            }
            if (!typed.get("urn").isBlank() && !typed.get("urn").matches("\\d{6,7}")) {
                errors.add(ProblemFields.field("urn", "a URN is 6 or 7 digits, or leave it empty", SCHOOL_LABELS));
            }
            if (!errors.isEmpty()) {
                return schoolsPage(caller, typed, errors);
            }
            var request = new Requests.NewSchool(typed.get("name"), blankToNull(typed.get("urn")),
                    blankToNull(typed.get("timezone")), blankToNull(typed.get("bankHolidayRegion")),
                    blankToNull(typed.get("policyVersion")));
            return records.createSchool(caller, request)
                    .flatMap(school -> redirect(exchange, "Added " + school.name() + ": now add its staff",
                            "/ui/admin/schools/" + school.id()))
                    .onErrorResume(ErrorResponseException.class,
                            e -> schoolsPage(caller, typed, ProblemFields.of(e, SCHOOL_LABELS)));
        });
    }

    @GetMapping("/ui/admin/schools/{id}")
    Mono<Rendering> school(@PathVariable String id) {
        return admin().flatMap(caller -> schoolPage(caller, id, Map.of(), List.of(), Map.of(), List.of()));
    }

    private Mono<Rendering> schoolPage(Caller caller, String id, Map<String, String> typedSettings,
                                       List<ProblemFields.Shown> settingsErrors, Map<String, String> typedStaff,
                                       List<ProblemFields.Shown> staffErrors) {
        return records.school(caller, id).flatMap(school -> records.list(caller, id, Paging.of(0, 200))
                .flatMap(page -> Flux.fromIterable(page.items()).concatMap(this::person).collectList())
                .map(staff -> {
                    Map<String, String> settings = typedSettings.isEmpty() ? Map.of("name", school.name(),
                            "timezone", school.timezone(), "bankHolidayRegion", school.bankHolidayRegion(),
                            "policyVersion", school.policyVersion() == null ? "" : school.policyVersion())
                            : typedSettings;
                    List<ProblemFields.Shown> errors = new ArrayList<>(settingsErrors);
                    errors.addAll(staffErrors);
                    Set<String> typedRoles = typedStaff.containsKey("roles")
                            ? Set.of(typedStaff.get("roles").split(",")) : Set.of("STAFF");
                    return Rendering.view("schools/school")
                            .modelAttribute("school", school)
                            .modelAttribute("regionWords", REGION_WORDS.getOrDefault(school.bankHolidayRegion(),
                                    school.bankHolidayRegion()))
                            .modelAttribute("staff", staff)
                            .modelAttribute("settings", settings)
                            .modelAttribute("regions", REGION_WORDS)
                            .modelAttribute("typed", typedStaff)
                            .modelAttribute("roleChoices", roleChoices(typedRoles, false))
                            .modelAttribute("errors", errors)
                            .status(errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
                            .build();
                }));
    }

    @PostMapping("/ui/admin/schools/{id}/settings")
    Mono<Rendering> changeSchool(@PathVariable String id, ServerWebExchange exchange) {
        return admin().zipWith(form(exchange)).flatMap(t -> {
            Map<String, String> typed = t.getT2();
            var change = new StaffAdministration.SchoolSettings(typed.get("name"), typed.get("timezone").strip(),
                    typed.get("bankHolidayRegion"), typed.get("policyVersion"));
            return administration.changeSchool(t.getT1(), id, change)
                    .flatMap(school -> redirect(exchange, "Saved the settings of " + school.name(),
                            "/ui/admin/schools/" + id))
                    .onErrorResume(ErrorResponseException.class, e -> e.getStatusCode().value() == 400
                            ? schoolPage(t.getT1(), id, typed, ProblemFields.of(e, SCHOOL_LABELS), Map.of(), List.of())
                            : Mono.error(e));
        });
    }

    @PostMapping("/ui/admin/schools/{id}/staff")
    Mono<Rendering> createStaff(@PathVariable String id, ServerWebExchange exchange) {
        return admin().zipWith(exchange.getFormData()).flatMap(t -> {
            MultiValueMap<String, String> data = t.getT2();
            Map<String, String> typed = new LinkedHashMap<>(flat(data));
            List<String> roleNames = data.getOrDefault("roles", List.of());
            typed.put("roles", String.join(",", roleNames));
            List<ProblemFields.Shown> errors = new ArrayList<>();
            if (roleNames.isEmpty()) {
                errors.add(ProblemFields.field("roles", "choose at least one role", STAFF_LABELS));
            }
            List<Role> roles = new ArrayList<>();
            for (String name : roleNames) {
                try {
                    roles.add(Role.valueOf(name));
                } catch (IllegalArgumentException e) {
                    errors.add(ProblemFields.field("roles", "choose roles from the list", STAFF_LABELS));
                }
            }
            for (String field : List.of("name", "email", "username", "password")) {
                if (typed.get(field).isBlank()) {
                    errors.add(ProblemFields.field(field, "fill this in", STAFF_LABELS));
                }
            }
            if (!errors.isEmpty()) {
                typed.remove("password");
                return schoolPage(t.getT1(), id, Map.of(), List.of(), typed, errors);
            }
            var request = new Requests.NewStaff(id, typed.get("name"), typed.get("email"), typed.get("username"),
                    typed.get("password"), roles);
            return records.createStaff(t.getT1(), request)
                    .flatMap(staff -> redirect(exchange, "Added " + staff.name() + " (" + staff.username()
                            + ") to the staff list", "/ui/admin/schools/" + id))
                    .onErrorResume(ErrorResponseException.class, e -> {
                        typed.remove("password");
                        return e.getStatusCode().value() == 400
                                ? schoolPage(t.getT1(), id, Map.of(), List.of(), typed,
                                        ProblemFields.of(e, STAFF_LABELS))
                                : Mono.error(e);
                    });
        });
    }

    // ---- one member of staff

    /** A person as the staff pages show them. */
    record Person(StaffDocument staff, List<String> roleWords, boolean acknowledged, boolean trained,
                  boolean locked) {
    }

    private Mono<Person> person(StaffDocument staff) {
        if (staff.schoolId() == null) {
            return Mono.just(
                    new Person(staff, words(staff.roles()), false, false, administration.locked(staff.username())));
        }
        return records.requiredPolicyVersion(staff.schoolId()).map(version -> {
            LocalDate today = records.today(staff);
            return new Person(staff, words(staff.roles()),
                    Eligibility.acknowledged(staff, version, today, records.rules()),
                    Eligibility.trained(staff, today), administration.locked(staff.username()));
        });
    }

    @GetMapping("/ui/admin/staff/{id}")
    Mono<Rendering> staff(@PathVariable String id) {
        return admin().flatMap(caller -> staffPage(caller, id, Map.of(), List.of(), null));
    }

    private Mono<Rendering> staffPage(Caller caller, String id, Map<String, String> typedTraining,
                                      List<ProblemFields.Shown> errors, StaffAdministration.TemporaryPassword reset) {
        return records.staff(caller, id).flatMap(staff -> person(staff)
                .zipWith(staff.schoolId() == null ? Mono.just("") : records.school(caller, staff.schoolId())
                        .map(SchoolDocument::name))
                .zipWith(staff.schoolId() == null ? Mono.just("") : records.requiredPolicyVersion(staff.schoolId()))
                .map(t -> Rendering.view("schools/staff")
                        .modelAttribute("person", t.getT1().getT1())
                        .modelAttribute("schoolName", t.getT1().getT2())
                        .modelAttribute("policyVersion", t.getT2())
                        .modelAttribute("roleChoices", roleChoices(staff.roles().stream().map(Role::name)
                                .collect(java.util.stream.Collectors.toSet()), staff.schoolId() == null))
                        .modelAttribute("typed", typedTraining)
                        .modelAttribute("errors", errors)
                        .modelAttribute("reset", reset)
                        .status(errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
                        .build()));
    }

    @PostMapping("/ui/admin/staff/{id}/roles")
    Mono<Rendering> roles(@PathVariable String id, ServerWebExchange exchange) {
        return admin().zipWith(exchange.getFormData()).flatMap(t -> {
            List<Role> roles = new ArrayList<>();
            for (String name : t.getT2().getOrDefault("roles", List.of())) {
                try {
                    roles.add(Role.valueOf(name));
                } catch (IllegalArgumentException e) {
                    return staffPage(t.getT1(), id, Map.of(), List.of(ProblemFields.field("roles",
                            "choose roles from the list", STAFF_LABELS)), null);
                }
            }
            return administration.setRoles(t.getT1(), id, roles)
                    .flatMap(staff -> redirect(exchange, "Saved the roles of " + staff.name() + ": "
                            + String.join(", ", words(staff.roles())), "/ui/admin/staff/" + id))
                    .onErrorResume(ErrorResponseException.class, e -> e.getStatusCode().value() == 400
                            ? staffPage(t.getT1(), id, Map.of(), ProblemFields.of(e, STAFF_LABELS), null)
                            : Mono.error(e));
        });
    }

    @PostMapping("/ui/admin/staff/{id}/training")
    Mono<Rendering> training(@PathVariable String id, ServerWebExchange exchange) {
        return admin().zipWith(form(exchange)).flatMap(t -> {
            Map<String, String> typed = t.getT2();
            List<ProblemFields.Shown> errors = new ArrayList<>();
            LocalDate completed = date(typed.get("completedOn"), "completedOn", errors);
            LocalDate expires =
                    typed.get("expiresOn").isBlank() ? null : date(typed.get("expiresOn"), "expiresOn", errors);
            if (typed.get("course").isBlank()) {
                errors.add(ProblemFields.field("course", "name the course", TRAINING_LABELS));
            }
            if (!errors.isEmpty()) {
                return staffPage(t.getT1(), id, typed, errors, null);
            }
            return records.train(t.getT1(), id, new Requests.NewTraining(typed.get("course"), completed, expires))
                    .flatMap(staff -> redirect(exchange, "Recorded " + typed.get("course").strip() + " for "
                            + staff.name(), "/ui/admin/staff/" + id))
                    .onErrorResume(ErrorResponseException.class, e -> e.getStatusCode().value() == 400
                            ? staffPage(t.getT1(), id, typed, ProblemFields.of(e, TRAINING_LABELS), null)
                            : Mono.error(e));
        });
    }

    @PostMapping("/ui/admin/staff/{id}/password")
    Mono<Rendering> resetPassword(@PathVariable String id, ServerWebExchange exchange) {
        // the new password is shown in this answer only, never stored for a later page
        exchange.getResponse().getHeaders().setCacheControl("no-store");
        return admin().flatMap(caller -> administration.resetPassword(caller, id)
                .flatMap(reset -> staffPage(caller, id, Map.of(), List.of(), reset)));
    }

    @PostMapping("/ui/admin/staff/{id}/unlock")
    Mono<Rendering> unlock(@PathVariable String id, ServerWebExchange exchange) {
        return admin().flatMap(caller -> administration.unlock(caller, id))
                .flatMap(staff -> redirect(exchange, staff.name() + " can log in again", "/ui/admin/staff/" + id));
    }

    @GetMapping("/ui/admin/staff/{id}/leave")
    Mono<Rendering> confirmLeave(@PathVariable String id) {
        return admin().flatMap(caller -> records.staff(caller, id))
                .map(staff -> Rendering.view("schools/leave").modelAttribute("staff", staff).build());
    }

    @PostMapping("/ui/admin/staff/{id}/leave")
    Mono<Rendering> leave(@PathVariable String id, ServerWebExchange exchange) {
        return admin().flatMap(caller -> records.leave(caller, id))
                .flatMap(staff -> redirect(exchange, staff.name() + " has left: their login is closed and the"
                        + " accounts they ran are checked for runners", "/ui/admin/schools/" + staff.schoolId()));
    }

    // ---- staff import from the MIS

    @GetMapping("/ui/admin/schools/{id}/import")
    Mono<Rendering> importStart(@PathVariable String id) {
        return admin().flatMap(caller -> records.school(caller, id))
                .map(school -> Rendering.view("schools/import-upload").modelAttribute("school", school)
                        .modelAttribute("errors", List.of()).build());
    }

    @PostMapping("/ui/admin/schools/{id}/import/upload")
    Mono<Rendering> importUpload(@PathVariable String id, ServerWebExchange exchange) {
        return admin().flatMap(caller -> records.school(caller, id).flatMap(school -> exchange.getMultipartData()
                .flatMap(parts -> {
                    Part part = parts.getFirst("file");
                    if (!(part instanceof FilePart file) || file.filename().isBlank()) {
                        return uploadAgain(school, "choose the CSV file exported from your MIS");
                    }
                    return DataBufferUtils.join(file.content(), MAX_UPLOAD)
                            .map(buffer -> {
                                String text = buffer.toString(StandardCharsets.UTF_8);
                                DataBufferUtils.release(buffer);
                                return text;
                            })
                            .flatMap(text -> text.isBlank() ? uploadAgain(school, "the file is empty")
                                    : exchange.getSession().flatMap(session -> {
                                        session.getAttributes().put(IMPORT_KEY + id, text);
                                        return columnsPage(caller, school, text, null, List.of());
                                    }))
                            .onErrorResume(org.springframework.core.io.buffer.DataBufferLimitException.class,
                                    e -> uploadAgain(school, "the file is larger than 1 MB; export fewer columns"));
                })));
    }

    private Mono<Rendering> uploadAgain(SchoolDocument school, String message) {
        return Mono.just(Rendering.view("schools/import-upload").modelAttribute("school", school)
                .modelAttribute("errors", List.of(new ProblemFields.Shown("file", "file", "CSV file: " + message)))
                .status(HttpStatus.BAD_REQUEST).build());
    }

    private Mono<Rendering> columnsPage(Caller caller, SchoolDocument school, String csv, Map<String, String> chosen,
                                        List<ProblemFields.Shown> errors) {
        List<List<String>> table;
        try {
            table = SchoolCsv.cells(csv);
        } catch (IllegalArgumentException e) {
            return uploadAgain(school, e.getMessage());
        }
        if (table.size() < 2) {
            return uploadAgain(school, "the file has a header but no staff rows");
        }
        List<String> headers = table.get(0);
        Map<String, String> mapping = chosen == null ? StaffImport.guess(headers) : chosen;
        return Mono.just(Rendering.view("schools/import-columns")
                .modelAttribute("school", school)
                .modelAttribute("headers", headers)
                .modelAttribute("sample", table.subList(1, Math.min(table.size(), 4)))
                .modelAttribute("rowCount", table.size() - 1)
                .modelAttribute("fields", FIELD_WORDS)
                .modelAttribute("mapping", mapping)
                .modelAttribute("errors", errors)
                .status(errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
                .build());
    }

    static final Map<String, String> FIELD_WORDS = new LinkedHashMap<>();

    static {
        FIELD_WORDS.put("fullName", "Full name");
        FIELD_WORDS.put("firstName", "First name");
        FIELD_WORDS.put("lastName", "Last name");
        FIELD_WORDS.put("email", "Email");
        FIELD_WORDS.put("username", "Username (leave empty to use the part of the email before the @)");
        FIELD_WORDS.put("roles", "Role or job title (leave empty: everyone gets the Staff role)");
    }

    @PostMapping("/ui/admin/schools/{id}/import/preview")
    Mono<Rendering> importPreview(@PathVariable String id, ServerWebExchange exchange) {
        return importStep(id, exchange, true);
    }

    @PostMapping("/ui/admin/schools/{id}/import")
    Mono<Rendering> importCommit(@PathVariable String id, ServerWebExchange exchange) {
        return importStep(id, exchange, false);
    }

    private Mono<Rendering> importStep(String id, ServerWebExchange exchange, boolean dryRun) {
        return admin().flatMap(caller -> records.school(caller, id).flatMap(school -> form(exchange)
                .zipWith(exchange.getSession()).flatMap(t -> {
                    String csv = (String) t.getT2().getAttributes().get(IMPORT_KEY + id);
                    if (csv == null) {
                        return uploadAgain(school, "upload the file again (the upload has expired)");
                    }
                    Map<String, String> mapping = new LinkedHashMap<>();
                    FIELD_WORDS.keySet().forEach(field -> {
                        String column = t.getT1().getOrDefault("column-" + field, "");
                        if (!column.isBlank()) {
                            mapping.put(field, column);
                        }
                    });
                    return administration.importStaff(caller, id, csv, mapping, List.of(Role.STAFF), dryRun)
                            .flatMap(result -> {
                                if (dryRun) {
                                    List<ProblemFields.Shown> headerErrors = result.problems().stream()
                                            .filter(p -> p.line() == 1)
                                            .map(p -> new ProblemFields.Shown(p.field(), "column-"
                                                    + p.field().replace("columns.", ""), p.detail()))
                                            .toList();
                                    if (!headerErrors.isEmpty()) {
                                        return columnsPage(caller, school, csv, mapping, headerErrors);
                                    }
                                    return Mono.just(Rendering.view("schools/import-preview")
                                            .modelAttribute("school", school)
                                            .modelAttribute("result", result)
                                            .modelAttribute("mapping", mapping)
                                            .modelAttribute("roleWords", ROLE_WORDS)
                                            .build());
                                }
                                t.getT2().getAttributes().remove(IMPORT_KEY + id);
                                return redirect(exchange, "Imported " + plural(result.added().size(), "member")
                                        + " of staff; " + result.unchanged().size() + " already on the list",
                                        "/ui/admin/schools/" + id);
                            });
                })));
    }

    // ---- helpers

    private static Mono<Caller> admin() {
        return Callers.current().flatMap(caller -> caller.isAdmin() ? Mono.just(caller)
                : Mono.error(Problems.forbidden("these pages are for the trust's IT administrators")));
    }

    static Mono<Map<String, String>> form(ServerWebExchange exchange) {
        return exchange.getFormData().map(AdminPages::flat);
    }

    private static Map<String, String> flat(MultiValueMap<String, String> data) {
        Map<String, String> map = new java.util.HashMap<>() {
            @Override
            public String get(Object key) {
                String value = super.get(key);
                return value == null ? "" : value;
            }
        };
        data.forEach((key, values) -> map.put(key, values.isEmpty() ? "" : values.get(0)));
        return map;
    }

    static Mono<Rendering> redirect(ServerWebExchange exchange, String message, String to) {
        return Flash.set(exchange, message).thenReturn(Rendering.redirectTo(to).status(HttpStatus.SEE_OTHER).build());
    }

    private static List<RoleChoice> roleChoices(Set<String> checked, boolean trustWide) {
        List<RoleChoice> choices = new ArrayList<>();
        for (Role role : Role.values()) {
            // a trust-wide administrator holds ADMIN only; a school's staff hold every role but ADMIN
            if ((role == Role.ADMIN) == trustWide) {
                choices.add(new RoleChoice(role.name(), ROLE_WORDS.get(role), checked.contains(role.name())));
            }
        }
        return choices;
    }

    static List<String> words(Set<Role> roles) {
        return EnumSet.copyOf(roles.isEmpty() ? EnumSet.noneOf(Role.class) : roles).stream().map(ROLE_WORDS::get)
                .toList();
    }

    private static LocalDate date(String text, String field, List<ProblemFields.Shown> errors) {
        try {
            return LocalDate.parse(text.strip());
        } catch (java.time.format.DateTimeParseException e) {
            errors.add(ProblemFields.field(field, "give a date such as 2026-09-01", TRAINING_LABELS));
            return null;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
