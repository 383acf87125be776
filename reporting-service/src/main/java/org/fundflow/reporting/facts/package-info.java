/**
 * Facts consumed from other services' events, stored as they arrived and shared by every report of this service
 * (the fund-flow ledger now, the public tables later). Reports derive their figures from these rows at query time,
 * so the order in which events arrive never matters.
 */
package org.fundflow.reporting.facts;
