/**
 * English messages. Every string the elements show or announce comes from a
 * catalogue: `{name}` placeholders are filled in by the localiser, plural
 * messages are chosen with `Intl.PluralRules`. `cy.ts` must have every key
 * (enforced by the `Catalogue` type).
 */

/** A message that depends on a count; `other` is required, the rest follow `Intl.PluralRules`. */
export type Plural = { other: string } & Partial<Record<'zero' | 'one' | 'two' | 'few' | 'many', string>>;
const plural = (p: Plural): Plural => p;

export const en = {
  /** BCP 47 tag for Intl dates and numbers. */
  locale: 'en-GB',

  /**
   * Names and patterns for dates and lists where the browser's Intl has no
   * data for the language (some Chromium builds have none for Welsh).
   */
  calendar: {
    /** Sunday first, as `Date.getDay()` counts. */
    weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    /** Column headings of the calendar grid, Sunday first. */
    weekdaysShort: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
    monthYear: '{month} {year}',
    date: '{weekday} {day} {month}',
    dateYear: '{weekday}, {day} {month} {year}',
    day: '{day} {month} {year}',
    and: 'and',
    /** "and" before a word that starts with a vowel (Welsh "ac"). */
    andBeforeVowel: 'and',
    /**
     * What the first letter of the catalogue's own word after "and" becomes (Welsh aspirate mutation: "a phryd",
     * not "a pryd"): see `Localizer.listOwn`. None in English.
     */
    afterAnd: {} as Readonly<Record<string, string>>,
    or: 'or',
    yesterday: 'yesterday',
    daysAgo: plural({ one: '{n} day ago', other: '{n} days ago' }),
    weeksAgo: plural({ one: '{n} week ago', other: '{n} weeks ago' }),
    monthsAgo: plural({ one: '{n} month ago', other: '{n} months ago' }),
    yearsAgo: plural({ one: '{n} year ago', other: '{n} years ago' }),
  },

  finder: {
    label: 'Service finder',
    loading: 'Loading services…',
    /** A part loaded when first needed (the calendar, the calendar file writer) could not be fetched. */
    partFailed: 'This part of the finder could not be loaded. Check your connection, then try again.',
    partRetry: 'Try again',
  },

  /** `<sf-calendar>` and "Add to calendar". */
  calendarView: {
    label: 'Calendar',
    loading: 'Loading the calendar…',
    views: 'Show as',
    agenda: 'List',
    week: 'Week',
    month: 'Month',
    previousWeek: 'Previous week',
    nextWeek: 'Next week',
    previousMonth: 'Previous month',
    nextMonth: 'Next month',
    previousDays: plural({ one: 'Previous day', other: 'Previous {n} days' }),
    nextDays: plural({ one: 'Next day', other: 'Next {n} days' }),
    today: 'Today',
    range: '{from} to {to}',
    sessions: plural({ zero: 'nothing listed', one: '{n} session', other: '{n} sessions' }),
    cancelledCount: plural({ one: '{n} cancelled', other: '{n} cancelled' }),
    cellLabel: '{date}, {sessions}',
    dayHeading: 'On {date}',
    nothing: 'Nothing listed on this day.',
    nothingOnDays: 'Nothing listed on these days.',
    nothingInRange: 'No sessions with dates in this period.',
    allDay: 'All day',
    cancelled: 'Cancelled',
    gridHelp:
      'Arrow keys move between days, Home and End to the start and end of the week, Page Up and Page Down by a month. Enter shows the day’s sessions.',
    undatedHeading: 'Times given in words only',
    undatedHint: 'These do not give dates that can be shown on a calendar. Check with the organiser before you go.',
    unstated: plural({ one: '{n} more service does not say when it runs.', other: '{n} more services do not say when they run.' }),
    partial: plural({
      one: '{n} more service may match but is not shown: it does not say {fields}.',
      other: '{n} more services may match but are not shown: they do not say {fields}.',
    }),
    addToCalendar: 'Add to calendar',
  },

  search: {
    label: 'Search for services',
    need: 'What do you need help with?',
    needHint: 'Choose the closest: it finds the help whatever each directory calls it.',
    needAny: 'Anything',
    keyword: 'What are you looking for?',
    keywordHint: 'For example, a group, an activity or a kind of help',
    place: 'Postcode or place',
    placeHint: 'For example, CF10 1AA or a town',
    errorPrefix: 'Error:',
    radius: 'Distance',
    radiusAny: 'Any distance',
    radiusMiles: plural({ one: 'Within {n} mile', other: 'Within {n} miles' }),
    useLocation: 'Use my location',
    locating: 'Finding your location…',
    locationFailed: 'Your location could not be used. Type a postcode or place instead.',
    locationUnavailable: 'This browser cannot share your location. Type a postcode or place instead.',
    age: 'Age',
    ageHint: 'In years. Leave empty for any age.',
    ageInvalid: 'Age must be a whole number from 0 to 120',
    ageBand: 'Or age group',
    ageBandAny: 'Any age group',
    access: 'How people can use it',
    days: 'Days',
    partsOfDay: 'Time of day',
    eligibility: 'Who it is for',
    categories: 'Type of service',
    free: 'Free only',
    strict: 'Only show services that say they match',
    more: 'More filters',
    submit: 'Search',
    clear: 'Clear filters',
    errorSummary: 'There is a problem',
    placeNotFound: 'We could not find that postcode or place. Check it and try again.',
    placeFailed: 'We could not look up that place just now. Try again, or type a postcode.',
    date: 'On a date',
    dateHint: 'Only services that run on that day',
    openNow: 'Open now',
    attendance: 'How people take part',
    hideStale: 'Hide listings that may be out of date',
    require: 'Only listings with enough detail to refer someone',
    requireHint: 'Listings that say {list}',
    /** The button that shows and hides the filters on a narrow screen; `{n}` filters are chosen. */
    filters: 'Filters ({n})',
  },

  /** What a listing says, for `require` ("Listings that say what it is and how to get in touch"). */
  require: {
    times: 'when it runs',
    location: 'where it is',
    contact: 'how to get in touch',
    ages: 'what ages it is for',
    access: 'how to get in',
    cost: 'what it costs',
    description: 'what it is',
  },

  ageBands: {
    '0-4': 'Under 5',
    '5-11': '5 to 11',
    '12-17': '12 to 17',
    '18-25': '18 to 25',
    '26-64': '26 to 64',
    '65+': '65 and over',
  },

  access: {
    'drop-in': 'Drop in',
    appointment: 'By appointment',
    'self-referral': 'Refer yourself',
    'professional-referral': 'Referral by a professional',
    membership: 'Membership',
    assessment: 'After an assessment',
  },

  attendance: {
    'in-person': 'In person',
    online: 'Online',
    phone: 'By phone',
    'home-visit': 'Home visits',
  },

  days: {
    MO: 'Monday',
    TU: 'Tuesday',
    WE: 'Wednesday',
    TH: 'Thursday',
    FR: 'Friday',
    SA: 'Saturday',
    SU: 'Sunday',
  },

  /** "Tuesdays" in a schedule sentence. */
  everyDay: {
    MO: 'Mondays',
    TU: 'Tuesdays',
    WE: 'Wednesdays',
    TH: 'Thursdays',
    FR: 'Fridays',
    SA: 'Saturdays',
    SU: 'Sundays',
  },

  partsOfDay: {
    morning: 'Morning (before 12pm)',
    afternoon: 'Afternoon (12pm to 5pm)',
    evening: 'Evening (after 5pm)',
  },

  sort: {
    label: 'Sort by',
    relevance: 'Best match',
    distance: 'Nearest',
    name: 'Name',
    checked: 'Recently checked',
  },

  results: {
    label: 'Results',
    found: plural({ zero: 'No services found', one: '{n} service found', other: '{n} services found' }),
    moreUnknown: plural({ one: '{n} more does not say', other: '{n} more do not say' }),
    partialHeading: 'These may also match: they do not say {fields}',
    emptyTitle: 'No services found',
    emptyLoosen: 'Remove the {filter} filter to see {count}',
    emptyLoosenButton: 'Remove {filter}',
    emptyGeneric: 'Try fewer or different words, a wider distance, or fewer filters.',
    emptyNoData: 'No services could be read from the directories.',
    servicesCount: plural({ one: '{n} service', other: '{n} services' }),
    /** Results shown from a directory's summaries that do not say what is filtered on: their full records are still being read. */
    unread: plural({ one: '{fields} not yet read for {n} record', other: '{fields} not yet read for {n} records' }),
  },

  filters: {
    text: 'keyword',
    need: 'need',
    age: 'age',
    access: 'access',
    attendance: 'attendance',
    eligibility: 'who it is for',
    category: 'type of service',
    availability: 'days and times',
    distance: 'distance',
    cost: 'free only',
    freshness: 'recently checked',
    accessibility: 'accessibility',
    completeness: 'complete details',
  },

  /** Why a result is listed: one line per filter. */
  why: {
    label: 'Why this is listed',
    textMatch: 'Matches “{text}”',
    ageMatch: 'Suitable for age {age}',
    ageBandMatch: 'Suitable for {band}',
    ageUnknown: 'Does not say what ages it is for',
    accessMatch: 'Access: {list}',
    accessUnknown: 'Does not say how to access it',
    attendanceMatch: 'Delivered: {list}',
    attendanceUnknown: 'Does not say how it is delivered',
    eligibilityMatch: 'For {list}',
    eligibilityUnknown: 'Does not say who it is for',
    categoryMatch: 'Listed under {list}',
    categoryUnknown: 'Does not say what type of service it is',
    availabilityMatch: 'Runs at the times you chose',
    availabilityUnknown: 'Does not say when it runs',
    distanceMatch: 'Within the distance you chose',
    distanceUnknown: 'Does not say where it is',
    costMatch: 'Free',
    costUnknown: 'Does not say if it is free',
    freshnessMatch: 'Checked in the last {days} days',
    freshnessUnknown: 'Does not say when it was checked',
    accessibilityMatch: 'Accessibility: {list}',
    accessibilityUnknown: 'Does not say what accessibility it offers',
    completenessMatch: 'Gives the details you asked for',
    completenessUnknown: 'Some details are missing',
  },

  /** Nouns for the partial-match heading: "they do not say {what ages, when they run}". */
  unknownWhat: {
    text: 'the words you searched for',
    need: 'what they help with',
    age: 'what ages',
    access: 'how to access them',
    attendance: 'how they are delivered',
    eligibility: 'who they are for',
    category: 'their type',
    availability: 'when they run',
    distance: 'where they are',
    cost: 'whether they are free',
    freshness: 'when they were checked',
    accessibility: 'their accessibility',
    completeness: 'all the details',
  },

  /** What a summary leaves out, by filtered field ("ages not yet read for 600 records"). */
  unreadWhat: {
    text: 'details',
    need: 'what they help with',
    age: 'ages',
    access: 'access',
    attendance: 'how they are delivered',
    eligibility: 'who they are for',
    category: 'types',
    availability: 'times',
    distance: 'locations',
    cost: 'costs',
    freshness: 'check dates',
    accessibility: 'accessibility',
    completeness: 'details',
  },

  card: {
    open: 'View details',
    distance: plural({ one: '{n} mile away', other: '{n} miles away' }),
    next: 'Next: {when}',
    access: 'Access: {list}',
    free: 'Free',
    costs: 'Costs: {text}',
    costsUnstated: 'There is a cost',
    from: 'From {list}',
    checked: 'Checked {ago}',
    checkedToday: 'Checked today',
    checkedUnknown: 'Not known when last checked',
    stale: 'May be out of date',
    organisation: 'Run by {name}',
    where: 'Where: {place}',
    wherePlus: plural({ one: 'Where: {place} and 1 other place', other: 'Where: {place} and {n} other places' }),
    summary: 'Summary: the full details are still being read',
  },

  directory: {
    loading: 'Reading {name}…',
    loadingPages: plural({ one: 'Reading {name}: {n} page so far', other: 'Reading {name}: {n} pages so far' }),
    failed: '{name} could not be read.',
    retry: 'Try {name} again',
    partial: '{name} was only partly read.',
    needsPlace: 'Enter a postcode or place to see services from {name} near it.',
    details: plural({
      one: 'Reading the full details from {name}: {n} record to go',
      other: 'Reading the full details from {name}: {n} records to go',
    }),
  },

  /** A directory read failed, in plain words, by SourceErrorKind. */
  errors: {
    network: 'We could not reach it. It may be offline, or it may not let this website read it.',
    http: 'Its server reported a problem.',
    'not-json': 'It sent a web page instead of service data.',
    'invalid-json': 'It sent no service data, or data that was cut off or damaged, so it could not be read.',
    'not-directory': 'It sent data that does not look like a service directory.',
    timeout: 'It took too long to answer.',
    'too-large': 'It sent more data than this page can read.',
    paging: 'Its list of pages did not end, so we stopped reading.',
    'off-origin': 'It sent us to another website for the rest of its list, so we stopped reading.',
    unreadable: 'Something in its data could not be read, so its services are left out.',
    aborted: 'Reading it was stopped.',
  },

  service: {
    label: 'Service details',
    close: 'Close',
    back: 'Back to results',
    print: 'Print',
    when: 'When',
    where: 'Where',
    who: 'Who it is for',
    how: 'How to access it',
    cost: 'Cost',
    contact: 'Contact',
    about: 'About this information',
    listedIn: 'Listed in {list}.',
    checkedOn: 'Last checked on {date}.',
    checkedUnknown: 'The directory does not say when this was last checked.',
    /** The details a referral needs that the listing leaves out. */
    lacks: 'This listing does not say {list}.',
    report: 'Report a problem with this information',
    website: 'Website',
    email: 'Email',
    phone: 'Phone',
    next: 'Next: {when}',
    notStated: 'Not stated',
    ages: 'Ages {min} to {max}',
    agesFrom: 'Age {min} and over',
    agesTo: 'Up to age {max}',
    online: 'Online or by phone',
    free: 'Free',
    closed: 'Closed {from} to {to}',
    closedDay: 'Closed on {date}',
    cancelled: 'Cancelled',
    addSeries: 'Add to calendar: {when}',
    addNext: 'Add the next session to your calendar',
    runBy: 'Run by {name}',
    notFound: 'This service could not be found. It may have been removed from the directory.',
  },

  schedule: {
    weekly: '{days} {times}',
    fortnightly: 'Every other {day} {times}',
    everyN: 'Every {n} weeks on {days} {times}',
    daily: 'Every day {times}',
    monthlyNth: '{nth} {day} of the month {times}',
    monthlyDate: 'On day {dates} of the month {times}',
    times: '{from}–{to}',
    timesFrom: 'from {from}',
    from: 'from {date}',
    until: 'until {date}',
    nth1: 'First',
    nth2: 'Second',
    nth3: 'Third',
    nth4: 'Fourth',
    nth5: 'Fifth',
    nthLast: 'Last',
  },

  map: {
    label: 'Map of results',
    help: 'Arrow keys move the map, plus and minus zoom. Markers and groups are buttons: Enter opens a service or zooms into a group.',
    loading: 'Loading the map…',
    failed: 'The map could not be loaded. The results are in the list.',
    noLocation: plural({ one: '{n} result has no location', other: '{n} results have no location' }),
    showList: 'Show as list',
    searchArea: 'Search this area',
    marker: '{name}, {place}',
    cluster: plural({ one: 'Cluster of {n} service', other: 'Cluster of {n} services' }),
    address: plural({ one: '{n} service at {place}', other: '{n} services at {place}' }),
    addressUnnamed: plural({ one: '{n} service at this address', other: '{n} services at this address' }),
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    close: 'Close',
  },

  /** Trust signals, referral and what to expect: docs/trust.md. */
  trust: {
    temporarilyClosed: 'Temporarily closed',
    temporarilyClosedDetail: 'Its directory says this service is temporarily closed. Check with them before you go or refer someone.',
    alert: 'Notice',
    full: 'Full',
    fullDetail: 'Full: no places left',
    placesLeft: plural({ one: '{n} place left', other: '{n} places left' }),
    accreditations: 'Accreditations',
    referral: 'How to get referred',
    suggest: 'Suggest a change to this listing',
    checkedBy: '{name}: last checked on {date}',
    checkedByUnknown: '{name}: does not say when it was last checked',
    expect: 'What to expect',
    level: 'Level: {list}',
    leader: 'Led by {list}',
    amenities: 'Facilities: {list}',
    accessibility: 'Accessibility',
    filter: 'Accessibility and support',
    image: 'Picture: {name}',
  },

  /** Venue accessibility and support people can ask for (ACCESSIBILITY_FEATURES). */
  accessibilityFeatures: {
    'step-free': 'Step-free access',
    'hearing-loop': 'Hearing loop',
    'accessible-toilet': 'Accessible toilet',
    'visual-impairment': 'Support for visual impairment',
    'hearing-impairment': 'Support for hearing impairment',
    'learning-disability': 'Support for learning disabilities',
  },

  shortlist: {
    label: 'Your shortlist',
    add: 'Add {name} to shortlist',
    remove: 'Remove {name} from shortlist',
    addShort: 'Add to shortlist',
    removeShort: 'Remove from shortlist',
    count: plural({ zero: 'Your shortlist is empty', one: '{n} service on your shortlist', other: '{n} services on your shortlist' }),
    empty: 'Add services to your shortlist to print, copy or share them.',
    device: 'Your shortlist is kept on this device only.',
    shared: 'A shortlist someone shared with you',
    print: 'Print shortlist',
    copy: 'Copy shortlist',
    share: 'Copy a link to this shortlist',
    copied: 'Shortlist copied',
    linkCopied: 'Link copied',
    clear: 'Clear shortlist',
    calendar: plural({ one: 'Add the next week to your calendar', other: 'Add the next {n} weeks to your calendar' }),
    calendarName: 'Shortlist',
  },
};

type Widen<T> = T extends string
  ? string
  : T extends readonly string[]
    ? string[]
    : T extends Plural
      ? Plural
      : { [K in keyof T]: Widen<T[K]> };

/** The shape every catalogue must have: the keys of the English one. */
export type Catalogue = Widen<typeof en>;

// English is a catalogue too (checked here so a typo in the shape shows at once).
en satisfies Catalogue;
