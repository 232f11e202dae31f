import type { LanguagePack } from './types.ts';

const PERSON =
  'person|human|agent|someone|somebody|staff|staff_member|representative|rep|operator|clerk|employee|officer|attendant|manager|supervisor|people|worker';

/** English language pack. */
export const en: LanguagePack = {
  code: 'en',
  name: 'English',
  segmentation: 'spaced',
  stripPlural: true,
  stopwords: [
    'a', 'an', 'the', 'and', 'or', 'but', 'to', 'of', 'for', 'in', 'on', 'at', 'by', 'with', 'from', 'about', 'into',
    'no', 'not', 'i', 'im', 'me', 'my', 'mine', 'we', 'our', 'you', 'your', 'it', 'its', 'this', 'that', 'these', 'those', 'there', 'here',
    'is', 'are', 'was', 'were', 'be', 'been', 'am', 'do', 'does', 'did', 'have', 'has', 'can', 'could', 'would',
    'should', 'will', 'shall', 'may', 'might', 'must', 'what', 'whats', 'where', 'wheres', 'when', 'how', 'hows', 'which',
    'who', 'why', 'please', 'tell', 'know', 'want', 'wanna', 'like', 'need', 'get', 'go', 'find', 'some', 'any', 'so',
    'if', 'just', 'also', 'again', 'then', 'than', 'too', 'very', 'ok', 'okay', 'um', 'uh', 'hi', 'hello', 'thanks',
    'thank', 'much', 'many', 'one', 'up', 'out', 'city', 'harbor', 'office', 'help', 'there', 'ask', 'looking', 'look', 'our', 'us', 'next', 'month', 'soon', 'today', 'tomorrow', 'now', 'later',
    // Courtesy formulae ("Sería tan amable de indicarme...", "Je me permets de solliciter..."): they
    // diluted the query coverage of the topic words behind them (dev8, 2026-12-07).
    'excuse', 'sorry', 'bother', 'bothering', 'kindly', 'wondering', 'wonder', 'madam', 'sir',
  ],
  patterns: {
    requestPerson: [
      `talk|speak|chat|talking|speaking to|with * ${PERSON}`,
      `connect|transfer|put|pass me? to|with|through * ${PERSON}`,
      'want|need|like|get|see|prefer * person|human|agent|representative|operator|clerk|staff_member|someone_to_help|somebody_to_help|manager|supervisor',
      'real|live|actual|human person|human|agent|operator|people|being|assistance|help|support',
      `help|assistance|support from * ${PERSON}`,
      'someone|somebody|person|human|staff i can talk|speak to|with',
      'call|fetch|bring me? a|an|the|some? staff|staff_member|person|human|someone|somebody|clerk|attendant|employee|agent',
      `^ ${PERSON} please? $`,
      "don't|dont|do_not want|like * a|an|the? robot|bot|machine|computer",
      // "I might have a word with the Superintendent Registrar herself"; "Who else is there?" (dev6, 2026-12-06)
      'have|having a word with the|your|a|an|someone|somebody|one_of',
      'who else is_there|is_around|can_i_talk_to|can_i_speak_to|could_help_me',
    ],
    greeting: [
      '^ hello|hi|hey|hiya|howdy|greetings|yo there?',
      '^ good morning|afternoon|evening|day',
      '^ excuse me',
    ],
    thanks: [
      'thank you|u',
      'thanks|thx|ty|cheers|thankyou',
      "^ got_it|understood|all_clear|that's_all|that's_enough|that_helps $",
      'bye|goodbye|bye-bye|byebye|good_bye',
      'see you|ya',
      "^ that's|thats|that_is all",
      'have a nice|good|great day',
    ],
    negativeFeedback: [
      "did_not|didn't|didnt|does_not|doesn't|doesnt|do_not|don't|dont|not|wasn't|isn't|wasnt|isnt help|helpful|helping|useful",
      "not|isn't|wasn't|isnt|wasnt what i|we * asked|meant|wanted|need|needed|said|asking|looking",
      "did_not|didn't|didnt|does_not|doesn't|doesnt|not answer|answering|answered * question",
      "you don't|do_not|didn't|did_not|dont|didnt understand|get_it",
      'useless|unhelpful|pointless',
      'wrong answer|information|info',
      "that's|thats|that_is|it's|its|this_is|you're|youre|your wrong|incorrect|not_right|not_it|not_correct",
      'that|this|it is? not what',
    ],
    affirm: [
      '^ yes|yeah|yep|yup|sure|ok|okay|please|alright|all_right|definitely|absolutely please? $',
      '^ yes|sure|ok|okay please|thanks|thank_you $',
      '^ yes|ok|okay|sure? please? go_ahead|do_it|do_that|connect_me $',
      "^ i'd|id|i_would like_that|like_to $",
    ],
    decline: [
      '^ no|nope|nah thanks|thank_you? $',
      '^ not now|right_now|necessary $',
      "^ i'm|im|i_am fine|ok|okay|good $",
      "^ that's|thats ok|okay|fine|alright $",
      '^ no need $',
      "^ no i'm|im good|fine|ok $",
      "^ no|nope|nah * fine|ok|okay|alright|good|thanks|necessary|needed $",
    ],
  },
  replies: {
    greeting:
      'Hello, welcome to Harbor City Office! I can help with office hours, certificates, moving in or out, taxes, garbage sorting and finding the right counter. What would you like to know?',
    thanks: "You're welcome! Have a nice day.",
    unknown:
      "I'm sorry, I'm not sure about that. Would you like me to connect you with a staff member?",
    unknownNear:
      "I'm sorry, our information on \"{topic}\" doesn't include that detail. Would you like me to connect you with a staff member who can tell you?",
    anythingElse: 'All right. Is there anything else I can help you with?',
    escalation: {
      explicit_request: "I'll connect you with a staff member now. Please wait a moment.",
      out_of_scope: "I'm sorry, I can't answer that myself. I'll connect you with a staff member now.",
      repeated_failure: "I'm sorry that didn't help. I'll connect you with a staff member now.",
    },
    summary: { first: 'First question', latest: 'Latest', topics: 'Topics', none: 'No specific question yet.', listSeparator: ', ' },
  },
};
