@NullMarked
package dev.tally.account.doctor;

import org.jspecify.annotations.NullMarked;
