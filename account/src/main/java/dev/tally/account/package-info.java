/**
 * Setting up and checking an AWS account for Bedrock cost attribution: IAM policies and roles, cost
 * allocation tags, the CUR 2.0 export, Cost Explorer, AWS Budgets and the doctor that checks them all.
 */
@NullMarked
package dev.tally.account;

import org.jspecify.annotations.NullMarked;
