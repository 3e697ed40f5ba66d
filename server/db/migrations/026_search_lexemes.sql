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
-- statement adds its words in the same (sorted) order.
--
-- Words leave when no document holds them any more, so the words of a deleted recording go with it:
-- triggers note the words a document lost (deleted, or rewritten without them) in search_lexemes_lost,
-- and search_lexemes_prune(), run by an hourly job in a transaction of its own, drops those no document
-- holds. It first locks out the writers that may be adding words (SHARE ROW EXCLUSIVE against their ROW
-- EXCLUSIVE) and waits for those under way, so it never drops a word a document being written holds;
-- in its own transaction, holding nothing else, the lock cannot deadlock. Each word is looked up with a
-- plan of its own (EXECUTE): the text index for a rare word, the table's first rows for a common one.
-- The team lexemes (`#t…`, migration 025) are left out: nothing typed starts with `#`.

create table search_lexemes (lexeme text collate "C" primary key);

create table search_lexemes_lost (lexeme text not null);

-- Trigger bodies stay on one line: migrations split statements at semicolons that end a line.
create function search_lexemes_add() returns trigger language plpgsql as $$
begin insert into search_lexemes (lexeme) select distinct w.lexeme from changed, unnest(tsvector_to_array(changed.document)) w(lexeme) where left(w.lexeme, 1) <> '#' order by 1 on conflict do nothing; return null; end $$;

create function search_lexemes_note_lost() returns trigger language plpgsql as $$
begin if tg_op = 'UPDATE' then insert into search_lexemes_lost (lexeme) select w from (select unnest(tsvector_to_array(document)) from gone except select unnest(tsvector_to_array(document)) from changed) lost(w) where left(w, 1) <> '#'; else insert into search_lexemes_lost (lexeme) select distinct w from gone, unnest(tsvector_to_array(gone.document)) w where left(w, 1) <> '#'; end if; return null; end $$;

create function search_lexemes_prune() returns integer language plpgsql as $$
declare word text; held boolean; dropped integer := 0; begin lock table search_lexemes in share row exclusive mode; for word in with taken as (delete from search_lexemes_lost returning lexeme) select distinct lexeme from taken loop execute format('select exists (select 1 from recording_search where document @@ %L::tsquery)', array_to_tsvector(array[word])::text) into held; if not held then delete from search_lexemes where lexeme = word collate "C"; dropped := dropped + 1; end if; end loop; return dropped; end $$;

create trigger search_lexemes_inserted after insert on recording_search
  referencing new table as changed for each statement execute function search_lexemes_add();

create trigger search_lexemes_updated after update on recording_search
  referencing new table as changed for each statement execute function search_lexemes_add();

create trigger search_lexemes_rewritten after update on recording_search
  referencing old table as gone new table as changed for each statement execute function search_lexemes_note_lost();

create trigger search_lexemes_deleted after delete on recording_search
  referencing old table as gone for each statement execute function search_lexemes_note_lost();

insert into search_lexemes (lexeme)
select distinct w.lexeme from recording_search s, unnest(tsvector_to_array(s.document)) w(lexeme)
where left(w.lexeme, 1) <> '#';

analyze search_lexemes;
