package dev.meshmirror.internal.spec;

import dev.meshmirror.Problem;
import java.util.List;

/**
 * One rule of validation beyond the schema: it reads the document and returns the problems it
 * finds, or none. Checks run as an ordered list, each on every document, so a user sees every
 * mistake in one run; a check stays silent about a value it needs that is missing or already
 * refused.
 */
interface Check {
  List<Problem> check(SpecDocument document);
}
