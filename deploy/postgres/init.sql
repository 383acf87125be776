-- One database per service (database-per-service); the services' Flyway migrations create their tables.
CREATE DATABASE budget;
CREATE DATABASE disbursement;
CREATE DATABASE evaluation;
CREATE DATABASE reporting;
