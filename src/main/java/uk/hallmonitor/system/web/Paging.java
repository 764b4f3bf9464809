package uk.hallmonitor.system.web;

import java.util.ArrayList;
import java.util.List;

/**
 * Checked paging parameters: page from 0, size from 1 to 200, and an offset that the store can skip to (the driver
 * takes a 32-bit skip: a larger one would wrap round and answer with the wrong page, the first one, instead).
 */
public record Paging(int page, int size) {

    /** The checked paging, or a problem naming the first field that is wrong. */
    public static Paging of(int page, int size) {
        List<Problems.FieldError> errors = errors(page, size);
        if (!errors.isEmpty()) {
            throw Problems.badRequest(errors.get(0).field(), errors.get(0).message());
        }
        return new Paging(page, size);
    }

    /** What is wrong with these paging parameters, for a caller that reports them with its other fields' errors. */
    public static List<Problems.FieldError> errors(int page, int size) {
        List<Problems.FieldError> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(new Problems.FieldError("page", "must be 0 or more"));
        }
        if (size < 1 || size > 200) {
            errors.add(new Problems.FieldError("size", "must be between 1 and 200"));
        }
        if (errors.isEmpty() && (long) page * size > Integer.MAX_VALUE) {
            errors.add(new Problems.FieldError("page", "is far past the last page; at size " + size
                    + " the largest page is " + (Integer.MAX_VALUE / size)
                    + " (the answer's total says how many items there are)"));
        }
        return errors;
    }

    public long offset() {
        return (long) page * size;
    }
}
