/**
 * The audit trail: every event of every fundflow topic with who made the change (the envelope's actor: subject,
 * role, scope, client address), when, under which correlation id, and the scope of the resource it changed; read by
 * supervisors through {@code GET /api/audit}, filtered to their region subtree.
 */
package org.fundflow.reporting.audit;
