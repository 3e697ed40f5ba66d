-- The words the search documents hold, in byte order: the word being typed is matched as the start of
-- longer words by asking this table which words those are and searching for them by name (decision 019).
-- A prefix asked of the text index itself (`bill:*`) reads every row of every matching word before the
-- other conditions narrow them; named words are found as the other conditions allow.
--
-- A statement trigger on recording_search adds the words of the documents it writes, in the same
-- transaction, so a word is here before any search can find its document. The primary key skips the
-- words already here; it is also what decides which are new, so the statement's plan does not depend on
-- this table's statistics (a trigger's plan is kept for the session, and PGlite has no autovacuum to
-- refresh them). A word another transaction is adding waits for it, as any unique insert does; every
-- statement adds its words in the same (sorted) order. Words are never removed: a word no document
-- holds any more matches nothing. The team lexemes (`#t…`, migration 025) are left out: nothing typed starts with `#`.

create table search_lexemes (lexeme text collate "C" primary key);

-- Trigger bodies stay on one line: migrations split statements at semicolons that end a line.
create function search_lexemes_add() returns trigger language plpgsql as $$
begin insert into search_lexemes (lexeme) select distinct w.lexeme from changed, unnest(tsvector_to_array(changed.document)) w(lexeme) where left(w.lexeme, 1) <> '#' order by 1 on conflict do nothing; return null; end $$;

create trigger search_lexemes_inserted after insert on recording_search
  referencing new table as changed for each statement execute function search_lexemes_add();

create trigger search_lexemes_updated after update on recording_search
  referencing new table as changed for each statement execute function search_lexemes_add();

insert into search_lexemes (lexeme)
select distinct w.lexeme from recording_search s, unnest(tsvector_to_array(s.document)) w(lexeme)
where left(w.lexeme, 1) <> '#';

analyze search_lexemes;
