/**
 * 政府收支分类科目: the function classification (支出功能分类, 类 → 款 → 项) and the departmental economic
 * classification (部门预算支出经济分类, 类 → 款) as bundled, immutable registries. Reports use them to name the codes that
 * payments and allocations carry and to roll 项 up into 款 and 类; the public tables (部门决算公开) will use them too.
 * The data lives in {@code classpath:classification/*.csv}; see the README there for its sources.
 */
package org.fundflow.reporting.classification;
