// The reference pages' script: plain JavaScript, no build step, no library. Each page says which it
// is with <body data-page>; the API's base URL comes from <meta name="api-base-url"> (docs/site.md).
'use strict';

(function () {
  const API = document.querySelector('meta[name="api-base-url"]').content.replace(/\/+$/, '');
  const PAGE_SIZE = 5;
  const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

  // "no-cache" revalidates every time: the browser sends If-None-Match with the ETag it kept and
  // gets a 304 without a body when nothing changed, so a reload costs almost nothing and is never stale.
  async function getJson(path) {
    const response = await fetch(API + path, { cache: 'no-cache', headers: { Accept: 'application/json' } });
    const body = await response.json().catch(() => null);
    return { status: response.status, ok: response.ok, body, response };
  }

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value !== undefined && value !== null) {
        node.setAttribute(name, value);
      }
    }
    for (const child of children) {
      node.append(child);
    }
    return node;
  }

  function words(slug) {
    return slug.replace(/-/g, ' ');
  }

  function titleCase(slug) {
    return words(slug).replace(/\b\w/g, (c) => c.toUpperCase());
  }

  function timeOf(instant) {
    return el('time', { datetime: instant }, dateFormat.format(new Date(instant)));
  }

  function articleHref(slug) {
    return './?slug=' + encodeURIComponent(slug);
  }

  function sectionHref(section) {
    return 'section.html?section=' + encodeURIComponent(section);
  }

  function list(items) {
    if (items.length <= 1) {
      return items.join('');
    }
    return items.slice(0, -1).join(', ') + ' and ' + items[items.length - 1];
  }

  /** Why an article was recommended, in words (the API's RecommendationReason). */
  function reasonText(reason, section) {
    switch (reason.kind) {
      case 'SHARED_TAGS':
        return 'Also about ' + list(reason.sharedTags.map(words));
      case 'SHARED_KEYWORDS':
        return 'Also mentions ' + list(reason.sharedKeywords.map(words));
      case 'SAME_SECTION':
        return 'More from ' + titleCase(section);
      default:
        return 'Latest on the site';
    }
  }

  /** Which rule picked NEXT UP, in words. */
  function ruleText(rule, section) {
    switch (rule) {
      case 'RELATED_NEWER':
        return 'Related, and newer';
      case 'RELATED_OLDER':
        return 'Related';
      case 'NEXT_IN_SECTION':
        return 'Next in ' + titleCase(section);
      case 'PREVIOUS_IN_SECTION':
        return 'Earlier in ' + titleCase(section);
      default:
        return 'Latest on the site';
    }
  }

  function meta(summary) {
    return el('p', { class: 'meta' },
      'By ' + summary.author + ' · ', timeOf(summary.publishedAt), ' · ' + summary.readingTimeMinutes + ' min read');
  }

  function storyItem(summary, note) {
    const item = el('li', { class: 'story' });
    if (note) {
      item.append(el('p', { class: 'reason' }, note));
    }
    item.append(el('h3', {}, el('a', { href: articleHref(summary.slug) }, summary.title)));
    item.append(meta(summary));
    return item;
  }

  function showError(id, text) {
    const node = document.getElementById(id);
    node.textContent = text;
    node.hidden = false;
  }

  function failureText(result, what) {
    if (result.status === 404) {
      return 'We could not find that ' + what + '.';
    }
    if (result.body && result.body.message) {
      return result.body.message;
    }
    return 'The ' + what + ' could not be loaded just now. Please try again in a moment.';
  }

  async function sectionNav(current) {
    const nav = document.getElementById('section-nav');
    const result = await getJson('/sections');
    if (!result.ok) {
      return;
    }
    for (const section of result.body.sections) {
      const link = el('a', { href: sectionHref(section.name) }, titleCase(section.name));
      if (section.name === current) {
        link.setAttribute('aria-current', 'page');
      }
      nav.append(el('li', {}, link));
    }
  }

  // ---- the article page ----

  async function articlePage() {
    const params = new URLSearchParams(location.search);
    let slug = params.get('slug');
    const container = document.getElementById('article');
    if (!slug) {
      const latest = await getJson('/articles?limit=1');
      if (!latest.ok || latest.body.articles.length === 0) {
        container.removeAttribute('aria-busy');
        container.replaceChildren();
        showError('article-error', latest.ok ? 'There is no article yet.' : failureText(latest, 'article'));
        return;
      }
      slug = latest.body.articles[0].slug;
    }
    const [article, recommendations] = await Promise.all([
      getJson('/articles/' + encodeURIComponent(slug)),
      getJson('/articles/' + encodeURIComponent(slug) + '/recommendations'),
    ]);
    container.removeAttribute('aria-busy');
    if (!article.ok) {
      container.replaceChildren();
      showError('article-error', failureText(article, 'article'));
      sectionNav(null);
      return;
    }
    renderArticle(container, article.body);
    sectionNav(article.body.section);
    if (recommendations.ok) {
      renderRecommendations(recommendations.body, article.body.section);
    }
    moreInSection(article.body);
  }

  function renderArticle(container, article) {
    document.title = article.title + ' — The Newsroom';
    const body = el('div', { class: 'article-body' });
    // bodyHtml is rendered and sanitised by the API at import (docs/openapi.yaml): safe to insert.
    body.innerHTML = article.bodyHtml;
    const header = el('header', { class: 'article-header' },
      el('p', { class: 'kicker' }, el('a', { href: sectionHref(article.section) }, titleCase(article.section))),
      el('h1', { id: 'article-title' }, article.title),
      el('p', { class: 'standfirst' }, article.summary),
      el('p', { class: 'meta' },
        'By ', el('span', { class: 'author' }, article.author), ' · ', timeOf(article.publishedAt),
        ' · ', el('span', { class: 'reading-time' }, article.readingTimeMinutes + ' min read')));
    if (article.updatedAt !== article.publishedAt) {
      header.append(el('p', { class: 'meta' }, 'Updated ', timeOf(article.updatedAt)));
    }
    const tags = el('ul', { class: 'tags', 'aria-label': 'Tags' },
      ...article.tags.map((tag) => el('li', {}, words(tag))));
    container.setAttribute('aria-labelledby', 'article-title');
    container.replaceChildren(header, body, tags);
  }

  function renderRecommendations(answer, section) {
    const list = document.getElementById('recommended-list');
    for (const recommendation of answer.recommended) {
      list.append(storyItem(recommendation, reasonText(recommendation.reason, section)));
    }
    document.getElementById('recommended').hidden = answer.recommended.length === 0;
    if (answer.nextUp) {
      const next = answer.nextUp;
      document.getElementById('next-up-body').replaceChildren(
        el('p', { class: 'reason' }, ruleText(next.rule, next.section)),
        el('h3', {}, el('a', { href: articleHref(next.slug) }, next.title)),
        el('p', { class: 'summary' }, next.summary),
        meta(next));
      document.getElementById('next-up').hidden = false;
    }
  }

  async function moreInSection(article) {
    const result = await getJson('/articles?section=' + encodeURIComponent(article.section)
      + '&exclude=' + encodeURIComponent(article.slug) + '&limit=3');
    if (!result.ok || result.body.articles.length === 0) {
      return;
    }
    document.getElementById('more-section-name').textContent = titleCase(article.section);
    document.getElementById('more-link').href = sectionHref(article.section);
    const list = document.getElementById('more-list');
    result.body.articles.forEach((summary) => list.append(storyItem(summary)));
    document.getElementById('more-in-section').hidden = false;
  }

  // ---- the newsletter form ----

  function subscribeForm() {
    const form = document.getElementById('subscribe-form');
    if (!form) {
      return;
    }
    // With JavaScript the API judges the address, and its message is shown; without, the browser checks it first.
    form.noValidate = true;
    const result = document.getElementById('subscribe-result');
    const button = form.querySelector('button[type="submit"]');
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      button.disabled = true;
      result.className = 'form-result';
      result.textContent = 'Sending…';
      const email = form.elements.email;
      let outcome;
      try {
        const response = await fetch(form.action, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ email: email.value.trim(), website: form.elements.website.value }),
        });
        const body = await response.json().catch(() => null);
        outcome = describe(response, body);
      } catch (networkFailure) {
        outcome = { ok: false, text: 'We could not reach the newsletter service. Please check your connection and try again.' };
      }
      button.disabled = false;
      result.textContent = outcome.text;
      result.classList.add(outcome.ok ? 'ok' : 'error');
      if (outcome.ok) {
        form.reset();
      } else {
        email.setAttribute('aria-invalid', String(outcome.invalid === true));
        email.focus();
      }
    });
  }

  function describe(response, body) {
    if (response.status === 202) {
      return { ok: true, text: body.message };
    }
    if (response.status === 429) {
      return { ok: false, text: 'Too many sign-ups from here just now. ' + retryText(response.headers.get('Retry-After')) };
    }
    if (response.status === 400 && body && body.message) {
      return { ok: false, invalid: true, text: body.message };
    }
    return { ok: false, text: 'Something went wrong on our side; your address was not saved. Please try again in a few minutes.' };
  }

  /** Retry-After in seconds (the API's form), as a reader says it. */
  function retryText(value) {
    const seconds = Number.parseInt(value, 10);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      return 'Please try again later.';
    }
    if (seconds < 90) {
      return 'Please try again in ' + seconds + ' seconds.';
    }
    const minutes = Math.round(seconds / 60);
    return 'Please try again in about ' + minutes + ' minutes.';
  }

  // ---- the section page: "load more" through the cursor ----

  async function sectionPage() {
    const section = new URLSearchParams(location.search).get('section');
    const title = document.getElementById('section-title');
    const listNode = document.getElementById('section-list');
    const more = document.getElementById('load-more');
    const status = document.getElementById('section-status');
    if (section) {
      title.textContent = titleCase(section);
      document.title = titleCase(section) + ' — The Newsroom';
    }
    sectionNav(section);
    let cursor = null;
    async function loadPage() {
      more.disabled = true;
      const query = '/articles?limit=' + PAGE_SIZE + (section ? '&section=' + encodeURIComponent(section) : '')
        + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '');
      const result = await getJson(query);
      listNode.removeAttribute('aria-busy');
      more.disabled = false;
      if (!result.ok) {
        showError('section-error', failureText(result, 'list'));
        return;
      }
      const first = listNode.children.length;
      result.body.articles.forEach((summary) => listNode.append(storyItem(summary)));
      if (first === 0 && result.body.articles.length === 0) {
        showError('section-error', 'Nothing is published in this section yet.');
      }
      cursor = result.body.nextCursor;
      more.hidden = cursor === null;
      status.textContent = result.body.articles.length + ' more articles loaded.';
      if (first > 0 && listNode.children[first]) {
        // Keyboard and screen-reader users land on the first new article.
        listNode.children[first].querySelector('a').focus();
      }
    }
    more.addEventListener('click', loadPage);
    await loadPage();
  }

  // ---- the newsletter archive ----

  async function newsletterPage() {
    sectionNav(null);
    const listNode = document.getElementById('edition-list');
    const older = document.getElementById('older-editions');
    const status = document.getElementById('edition-status');
    let next = API + '/newsletter';
    async function loadPage() {
      older.disabled = true;
      let result;
      try {
        const response = await fetch(next, { cache: 'no-cache', headers: { Accept: 'application/json' } });
        result = { ok: response.ok, status: response.status, body: await response.json().catch(() => null) };
      } catch (networkFailure) {
        result = { ok: false, status: 0, body: null };
      }
      listNode.removeAttribute('aria-busy');
      older.disabled = false;
      if (!result.ok) {
        showError('edition-error', failureText(result, 'archive'));
        return;
      }
      const first = listNode.children.length;
      for (const edition of result.body.editions) {
        listNode.append(el('li', { class: 'story' },
          el('h2', { class: 'edition-title' }, el('a', { href: edition.url }, edition.title)),
          el('p', { class: 'meta' }, timeOf(edition.scheduledAt), ' · ' + edition.articleCount + ' articles, led by “'
            + edition.leadTitle + '”')));
      }
      document.getElementById('edition-empty').hidden = listNode.children.length > 0;
      next = result.body.next;
      older.hidden = next === null;
      status.textContent = result.body.editions.length + ' editions loaded.';
      if (first > 0 && listNode.children[first]) {
        listNode.children[first].querySelector('a').focus();
      }
    }
    older.addEventListener('click', loadPage);
    await loadPage();
  }

  const pages = {
    article: [articlePage, 'article-error'],
    section: [sectionPage, 'section-error'],
    newsletter: [newsletterPage, 'edition-error'],
  };
  subscribeForm();
  const page = pages[document.body.dataset.page];
  if (page) {
    page[0]().catch(() => showError(page[1], 'We could not reach the news service. Please try again in a moment.'));
  }
}());
