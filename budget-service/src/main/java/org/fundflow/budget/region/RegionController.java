package org.fundflow.budget.region;

import org.fundflow.platform.region.Region;
import org.fundflow.platform.region.RegionDirectory;
import java.util.List;
import org.fundflow.budget.Requests;
import org.fundflow.contracts.Level;
import org.fundflow.platform.web.ApiProblem;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/regions")
class RegionController {
    private final RegionDirectory regions;

    RegionController(RegionDirectory regions) {
        this.regions = regions;
    }

    @GetMapping("/{code}")
    RegionView get(@PathVariable String code) {
        Region region = existing("code", code);
        return new RegionView(region.code(), region.name(), region.level(), region.parentCode(),
                summaries(regions.children(region.code())));
    }

    /** The children of {@code parent}; without it, the top of the tree (the centre). */
    @GetMapping
    List<RegionSummary> children(@RequestParam(required = false) String parent) {
        if (parent == null) {
            return summaries(List.of(regions.find(Region.CENTRE).orElseThrow()));
        }
        return summaries(regions.children(existing("parent", parent).code()));
    }

    private Region existing(String field, String code) {
        Requests.regionCode(field, code);
        return regions.find(code).orElseThrow(() -> ApiProblem.notFound(field, "no region " + code
                + " in the bundled GB/T 2260 reference data"));
    }

    private static List<RegionSummary> summaries(List<Region> list) {
        return list.stream().map(r -> new RegionSummary(r.code(), r.name(), r.level())).toList();
    }

    record RegionView(String code, String name, Level level, String parentCode, List<RegionSummary> children) {
    }

    record RegionSummary(String code, String name, Level level) {
    }
}
