package uk.hallmonitor.system.web;

import java.util.List;

/** A page of a list, as every list endpoint answers: {@code {items, page, size, total}}. */
public record PageResponse<T>(List<T> items, int page, int size, long total) {

    /** The same page with its items replaced (as views, say): same place in the list, same total. */
    public <R> PageResponse<R> withItems(List<R> replaced) {
        return new PageResponse<>(replaced, page, size, total);
    }
}
