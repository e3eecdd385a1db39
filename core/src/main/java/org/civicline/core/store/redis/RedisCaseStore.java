package org.civicline.core.store.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.civicline.core.json.Jsons;
import org.civicline.core.store.CaseConflictException;
import org.civicline.core.store.CaseNumbers;
import org.civicline.core.store.CaseStore;
import org.civicline.core.store.NotFoundException;
import org.civicline.core.store.StoreException;
import org.civicline.core.workflow.Case;
import org.civicline.core.workflow.CaseDetails;
import org.civicline.core.workflow.CaseEvent;

/**
 * Cases as details JSON + a list of event JSON (the log) + a sorted set of numbers. Appends are checked against the
 * log length inside one script, so concurrent writers on any node cannot both win.
 */
final class RedisCaseStore implements CaseStore {
    /** A day's counter outlives the day by this much, for late numbers and clock skew between nodes. */
    static final Duration SEQUENCE_TTL = Duration.ofDays(3);
    /** A day's set of touched cases is kept this long: reports go back a month, a year's comparison a little more. */
    private static final String TOUCHED_TTL = Long.toString(Duration.ofDays(400).toSeconds());
    /** Index score = day * this + sequence: below 2^53, so exact as Redis's double score. */
    private static final long SEQUENCE_SPAN = 100_000_000L;

    // KEYS: day counter. ARGV: ttl seconds.
    private static final RedisScript NEXT = new RedisScript("""
            local n = redis.call('INCR', KEYS[1])
            redis.call('EXPIRE', KEYS[1], ARGV[1])
            return n
            """, ScriptOutputType.INTEGER);

    // KEYS: details, log, index[, the citizen's index]. ARGV: details json, first event json, score, number, the open
    // cases' set or '' (a case created closed), its assignee's open set or '', the day's touched set and its ttl.
    // 0 when the number is taken.
    private static final RedisScript CREATE = new RedisScript("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('SET', KEYS[1], ARGV[1])
            redis.call('DEL', KEYS[2])
            redis.call('RPUSH', KEYS[2], ARGV[2])
            redis.call('ZADD', KEYS[3], ARGV[3], ARGV[4])
            if KEYS[4] then redis.call('ZADD', KEYS[4], ARGV[3], ARGV[4]) end
            if ARGV[5] ~= '' then redis.call('SADD', ARGV[5], ARGV[4]) end
            if ARGV[6] ~= '' then redis.call('SADD', ARGV[6], ARGV[4]) end
            redis.call('SADD', ARGV[7], ARGV[4])
            redis.call('EXPIRE', ARGV[7], ARGV[8], 'NX')
            return 1
            """, ScriptOutputType.INTEGER);

    // KEYS: day counter, index[, the citizen's index]. ARGV: counter ttl seconds, day (yyyyMMdd), details key prefix,
    // log key prefix, details json after its opening {"number":"" (the drawn number goes there), first event json,
    // the case's contact key or '', the open cases' set or '', the assignee's open set or '', the day's touched set
    // and its ttl. Returns the number. The details and log keys are named here, from the number
    // drawn here: CivicLine's Redis is one instance, not a cluster, so they need not be declared before the script
    // runs. A contact that names no case yet gets this one: its JSON (Jackson, nulls left out) then has no
    // "caseNumber" key, and the field goes last, as in the record. The key cannot hide inside a string value,
    // where each quote is escaped.
    private static final RedisScript NUMBER_AND_CREATE = new RedisScript("""
            local n, number
            repeat
              n = redis.call('INCR', KEYS[1])
              number = ARGV[2] .. '-' .. string.format('%04d', n)
            until redis.call('EXISTS', ARGV[3] .. number) == 0
            redis.call('EXPIRE', KEYS[1], ARGV[1])
            if n >= 100000000 then return redis.error_reply('case sequence ' .. n .. ' too large to index') end
            redis.call('SET', ARGV[3] .. number, '{"number":"' .. number .. '"' .. ARGV[5])
            redis.call('DEL', ARGV[4] .. number)
            redis.call('RPUSH', ARGV[4] .. number, ARGV[6])
            local score = ARGV[2] .. string.format('%08d', n)
            redis.call('ZADD', KEYS[2], score, number)
            if KEYS[3] then redis.call('ZADD', KEYS[3], score, number) end
            if ARGV[8] ~= '' then redis.call('SADD', ARGV[8], number) end
            if ARGV[9] ~= '' then redis.call('SADD', ARGV[9], number) end
            redis.call('SADD', ARGV[10], number)
            redis.call('EXPIRE', ARGV[10], ARGV[11], 'NX')
            if ARGV[7] ~= '' then
              local contact = redis.call('GET', ARGV[7])
              if contact and string.sub(contact, -1) == '}' and not string.find(contact, '"caseNumber":', 1, true) then
                redis.call('SET', ARGV[7], string.sub(contact, 1, -2) .. ',"caseNumber":"' .. number .. '"}')
              end
            end
            return number
            """, ScriptOutputType.VALUE);
    /** How {@link #NUMBER_AND_CREATE} finds where the number goes: details JSON starts with the number. */
    private static final String UNNUMBERED_START = "{\"number\":\"\"";

    // KEYS: details, log. ARGV: event json, version it was made against. {1} appended, {0} no case, {-1, version}.
    // ARGV (the open-case index, from the case as it is after the event): number, the open cases' set, '1' when
    // open, the assignee's open set before and after ('' for none), the event day's touched set and its ttl.
    private static final RedisScript APPEND = new RedisScript("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
            local version = redis.call('LLEN', KEYS[2])
            if version ~= tonumber(ARGV[2]) then return {-1, version} end
            redis.call('RPUSH', KEYS[2], ARGV[1])
            if ARGV[5] == '1' then redis.call('SADD', ARGV[4], ARGV[3]) else redis.call('SREM', ARGV[4], ARGV[3]) end
            if ARGV[6] ~= '' and ARGV[6] ~= ARGV[7] then redis.call('SREM', ARGV[6], ARGV[3]) end
            if ARGV[7] ~= '' then
              if ARGV[5] == '1' then redis.call('SADD', ARGV[7], ARGV[3]) else redis.call('SREM', ARGV[7], ARGV[3]) end
            end
            redis.call('SADD', ARGV[8], ARGV[3])
            redis.call('EXPIRE', ARGV[8], ARGV[9], 'NX')
            return {1}
            """, ScriptOutputType.MULTI);

    private final RedisAsyncCommands<String, String> redis;
    private final ContextBridge bridge;
    private final RedisKeys keys;

    RedisCaseStore(RedisAsyncCommands<String, String> redis, ContextBridge bridge, RedisKeys keys) {
        this.redis = redis;
        this.bridge = bridge;
        this.keys = keys;
    }

    @Override
    public Future<String> nextNumber(LocalDate day) {
        String dayText = day.format(CaseNumbers.DAY);
        return bridge.<Long>call("numbering a case of " + dayText, () -> NEXT.run(redis,
                        new String[] {keys.caseSequence(dayText)}, Long.toString(SEQUENCE_TTL.toSeconds())))
                .map(sequence -> CaseNumbers.format(day, sequence));
    }

    @Override
    public Future<Case> create(CaseDetails details, CaseEvent first) {
        String number = details.number();
        Case created;
        long score;
        try {
            created = Case.of(details, List.of(first));
            score = score(number);
        } catch (RuntimeException e) {
            return bridge.fail(e);
        }
        String[] scriptKeys = details.citizenId() == null
                ? new String[] {keys.caseDetails(number), keys.caseLog(number), keys.caseIndex()}
                : new String[] {keys.caseDetails(number), keys.caseLog(number), keys.caseIndex(),
                        keys.casesByCitizen(details.citizenId())};
        return bridge.<Long>call("creating case " + number, () -> CREATE.run(redis, scriptKeys,
                        Jsons.write(details), Jsons.write(first), Long.toString(score), number,
                        created.state().isOpen() ? keys.openCases() : "", openSetOf(created),
                        touchedOn(first.at()), TOUCHED_TTL))
                .compose(outcome -> outcome == 1L ? Future.succeededFuture(created)
                        : Future.failedFuture(new CaseConflictException("case " + number + " already exists")));
    }

    @Override
    public Future<Case> createNumbered(LocalDate day, CaseDetails unnumbered, CaseEvent first) {
        String dayText = day.format(CaseNumbers.DAY);
        String detailsTail;
        Case opening;
        try {
            opening = Case.of(unnumbered, List.of(first));
            String json = Jsons.write(unnumbered.withNumber(""));
            if (!json.startsWith(UNNUMBERED_START)) {
                throw new IllegalStateException("case details JSON no longer starts with its number: " + json);
            }
            detailsTail = json.substring(UNNUMBERED_START.length());
        } catch (RuntimeException e) {
            return bridge.fail(e);
        }
        String citizenId = unnumbered.citizenId();
        String[] scriptKeys = citizenId == null
                ? new String[] {keys.caseSequence(dayText), keys.caseIndex()}
                : new String[] {keys.caseSequence(dayText), keys.caseIndex(), keys.casesByCitizen(citizenId)};
        return bridge.<String>call("numbering and creating a case of " + dayText, () -> NUMBER_AND_CREATE.run(redis,
                        scriptKeys, Long.toString(SEQUENCE_TTL.toSeconds()), dayText, keys.caseDetails(""),
                        keys.caseLog(""), detailsTail, Jsons.write(first),
                        unnumbered.contactId() == null ? "" : keys.contact(unnumbered.contactId()),
                        opening.state().isOpen() ? keys.openCases() : "", openSetOf(opening),
                        touchedOn(first.at()), TOUCHED_TTL))
                .map(number -> Case.of(unnumbered.withNumber(number), List.of(first)));
    }

    @Override
    public Future<Optional<Case>> get(String number) {
        return read(number).map(stored -> stored.map(s -> s.fold(number)));
    }

    @Override
    public Future<Case> append(String number, CaseEvent event) {
        // Validate against the log as read; the script then writes only if the log is still that long, and since
        // the log only grows, "same length" means "the log we validated against".
        return read(number).compose(stored -> {
            if (stored.isEmpty()) {
                return Future.failedFuture(new NotFoundException("no case " + number));
            }
            Case current = stored.get().fold(number);
            if (event.sequence() != current.version() + 1) {
                return Future.failedFuture(conflict(number, current.version(), event));
            }
            List<CaseEvent> log = new ArrayList<>(current.log());
            log.add(event);
            Case next = Case.of(current.details(), log);
            return bridge.<List<Object>>call("appending to case " + number, () -> APPEND.run(redis,
                            new String[] {keys.caseDetails(number), keys.caseLog(number)}, Jsons.write(event),
                            Integer.toString(current.version()), number, keys.openCases(),
                            next.state().isOpen() ? "1" : "0", assigneeSetOf(current), assigneeSetOf(next),
                            touchedOn(event.at()), TOUCHED_TTL))
                    .compose(reply -> switch (((Long) reply.get(0)).intValue()) {
                        case 1 -> Future.succeededFuture(next);
                        case 0 -> Future.failedFuture(new NotFoundException("no case " + number));
                        default -> Future.failedFuture(conflict(number, ((Long) reply.get(1)).intValue(), event));
                    });
        });
    }

    @Override
    public Future<List<String>> openNumbers(String assignee) {
        String set = assignee == null ? keys.openCases() : keys.openCasesOf(assignee);
        return bridge.call("listing open cases", () -> redis.smembers(set))
                .map(numbers -> numbers.stream().sorted(CaseNumbers.OLDEST_FIRST).toList());
    }

    @Override
    public Future<List<String>> numbersTouched(Instant from, Instant to) {
        List<String> days = new ArrayList<>();
        for (LocalDate day = utcDay(from); !day.isAfter(utcDay(to)); day = day.plusDays(1)) {
            days.add(keys.casesTouched(day.format(CaseNumbers.DAY)));
        }
        return bridge.call("listing the cases of " + days.size() + " days",
                        () -> redis.sunion(days.toArray(String[]::new)))
                .map(numbers -> numbers.stream().sorted(CaseNumbers.OLDEST_FIRST).toList());
    }

    private String touchedOn(Instant at) {
        return keys.casesTouched(utcDay(at).format(CaseNumbers.DAY));
    }

    private static LocalDate utcDay(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /** The open set of the case's assignee, '' when it has none or is not open. */
    private String openSetOf(Case c) {
        return c.state().isOpen() ? assigneeSetOf(c) : "";
    }

    private String assigneeSetOf(Case c) {
        return c.assignee() == null ? "" : keys.openCasesOf(c.assignee());
    }

    @Override
    public Future<List<String>> recentNumbers(int limit) {
        if (limit <= 0) {
            return bridge.succeed(List.of());
        }
        return bridge.call("listing recent cases", () -> redis.zrevrange(keys.caseIndex(), 0, limit - 1));
    }

    @Override
    public Future<List<String>> recentNumbersOfCitizen(String citizenId, int limit) {
        if (citizenId == null || limit <= 0) {
            return bridge.succeed(List.of());
        }
        return bridge.call("listing a resident's cases",
                () -> redis.zrevrange(keys.casesByCitizen(citizenId), 0, limit - 1));
    }

    /** Details and log, read in one pipelined round trip; the log may have grown meanwhile, never shrunk. */
    private Future<Optional<StoredCase>> read(String number) {
        String detailsKey = keys.caseDetails(number);
        return bridge.call("reading case " + number, () -> redis.get(detailsKey)
                .thenCombine(redis.lrange(keys.caseLog(number), 0, -1),
                        (details, log) -> Optional.ofNullable(details).map(d -> new StoredCase(d, log))));
    }

    private static CaseConflictException conflict(String number, int version, CaseEvent event) {
        return new CaseConflictException("case " + number + " changed meanwhile: it is at version " + version
                + ", the change was made against version " + (event.sequence() - 1));
    }

    /** Orders the index by day, then by sequence as a number: 0009 < 0010 < 10000. */
    static long score(String number) {
        if (!CaseNumbers.isWellFormed(number)) {
            throw new IllegalArgumentException("case number must look like 20261122-0001, got " + number);
        }
        long day = Long.parseLong(number.substring(0, 8));
        long sequence = Long.parseLong(number.substring(9));
        if (sequence >= SEQUENCE_SPAN) {
            throw new IllegalArgumentException("case number sequence too large to index: " + number);
        }
        return day * SEQUENCE_SPAN + sequence;
    }

    private record StoredCase(String details, List<String> log) {
        Case fold(String number) {
            String where = "case " + number;
            List<CaseEvent> events = log.stream().map(e -> StoredJson.read(e, CaseEvent.class, where)).toList();
            try {
                return Case.of(StoredJson.read(details, CaseDetails.class, where), events);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new StoreException("corrupt event log in Redis for " + where + ": " + e.getMessage(), e);
            }
        }
    }
}
