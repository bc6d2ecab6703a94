/** The AWS account commands: {@code tally iam}, {@code tags}, {@code export}, {@code ce}, {@code budget aws} and {@code doctor}. */
@NullMarked
package dev.tally.cli.account;

import org.jspecify.annotations.NullMarked;
