package dev.jloop.tck.catalog;

import java.util.List;
import org.apiguardian.api.API;

/**
 * One area of the catalog: its class and its scenarios in catalog order (by id).
 *
 * @param id the area id
 * @param description one sentence
 * @param type the class holding the scenario methods
 * @param scenarios the scenarios, sorted by id
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record AreaSpec(String id, String description, Class<?> type, List<ScenarioSpec> scenarios) {}
