package uk.hallmonitor.system.web;

/** Checked paging parameters: page from 0, size from 1 to 200. */
public record Paging(int page, int size) {

    public static Paging of(int page, int size) {
        if (page < 0) {
            throw Problems.badRequest("page", "must be 0 or more");
        }
        if (size < 1 || size > 200) {
            throw Problems.badRequest("size", "must be between 1 and 200");
        }
        return new Paging(page, size);
    }

    public long offset() {
        return (long) page * size;
    }
}
