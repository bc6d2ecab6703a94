@NullMarked
package dev.tally.account.iam;

import org.jspecify.annotations.NullMarked;
