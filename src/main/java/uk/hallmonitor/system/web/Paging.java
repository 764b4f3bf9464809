package uk.hallmonitor.system.web;

/**
 * Checked paging parameters: page from 0, size from 1 to 200, and an offset that the store can skip to (the driver
 * takes a 32-bit skip: a larger one would wrap round and answer with the wrong page, the first one, instead).
 */
public record Paging(int page, int size) {

    public static Paging of(int page, int size) {
        if (page < 0) {
            throw Problems.badRequest("page", "must be 0 or more");
        }
        if (size < 1 || size > 200) {
            throw Problems.badRequest("size", "must be between 1 and 200");
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw Problems.badRequest("page", "is far past the last page; at size " + size + " the largest page is "
                    + (Integer.MAX_VALUE / size) + " (the answer's total says how many items there are)");
        }
        return new Paging(page, size);
    }

    public long offset() {
        return (long) page * size;
    }
}
