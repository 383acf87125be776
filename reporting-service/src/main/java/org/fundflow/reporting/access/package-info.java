/**
 * Who may read what belongs to an org (an agency's unpublished final accounts, its self-evaluations): the org's own
 * agency, and finance bureaus and supervisors whose region subtree holds the org's region. The platform's
 * {@code Access} decides scopes of regions; this package knows where an org's region comes from (the facts).
 */
package org.fundflow.reporting.access;
