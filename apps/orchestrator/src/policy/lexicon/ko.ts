import type { CueLexicon } from './types.ts';
import { LANGUAGE_NAMES } from './languageNames.ts';

const SPOKEN = LANGUAGE_NAMES.ko;

const KID = '아이|애기|아기|아들|딸|손자|손녀';

/**
 * Korean escalation cues. Matched as substrings with whitespace removed (Korean particles
 * attach to words: 직원이랑, 사람과), so patterns are written without relying on spacing.
 */
export const ko: CueLexicon = {
  code: 'ko',
  segmentation: 'cjk',
  neutral: [
    // 매도용 (for a property sale) is no 도용 (identity theft) (dev11, 2026-12-07)
    '매도용|매도_용',
    // safety words in routine matters: devices, drills, blood tests, licences, idioms (training-set lookalikes, 2026-12-05)
    '혼자해|혼자_해|폭탄세일|폭탄_세일|화재경보기|화재감지기|연기감지기|소방훈련|소방_훈련|소방점검|헌혈|피검사|채혈',
    '비상구|비상계단|긴급_연락처|소화기',
    '건강보험|국민건강보험|의료보험|건강검진|화재보험',
    '아동수당|양육수당|보육',
    '분실물',
    '대피소|대피_경로',
    '예약 * 취소|변경',
    '문제없|문제_없|괜찮',
  ],
  // Requests for a person: `src/intake/lexicon/requestPerson.ts` (shared with the intake engine).
  requestPerson: [
    // someone who speaks a named language (dev4 misses, 2026-12-06): languageNames.ts
    `re:(?:${SPOKEN})(?:를|을|로|으로)?(?:하는|할줄아는|할수있는|되는|가능한|잘하는|하시는|아는|하실수있는|통하는|하실줄아는)(?:사람|분|직원|선생님|공무원|담당자|통역)`,
    `re:(?:${SPOKEN})(?:통역|통역사|통역관)`,
  ],
  negativeFeedback: [
    '도움이_안|도움_안|소용없|소용이_없|쓸모없|쓸모가_없',
    '그게|그거|그런_뜻이 아니',
    '이해를_못|못_알아듣|못알아들',
    '답이|대답이|답변이 틀|이상',
    '아직도|여전히 모르|해결이_안|안_돼',
    '아까|이미|벌써 물어|말했',
    '물어본_거|물어보는_거|묻는_거|여쭤본_거 예요|에요|잖아요|라고요',
    // The reply was wrong ("that's not right", "I asked about X"), added 2026-12-05 with nearest-example answers.
    '틀렸어요|틀렸습니다|틀렸는데|틀린_답|틀린_거',
    '그게_아니라|그거_말고',
    // "아까랑 똑같은 말만 하시네요": the same words again (dev5, 2026-12-06)
    '똑같은|같은 말만|대답만|얘기만|소리만',
    // "수수료 물어봤다니까요" (I did say I asked about the fee; dev17 ko-d17-e21, 2026-12-07)
    're:(?:물어봤|물어본|말했|얘기했|여쭤봤|말씀드렸)다니까',
    // an emphatic re-ask at the end of a turn: "수수료 얼마냐고요" (I'm asking how much; dev6, 2026-12-06)
    're:(?:느냐|냐)(?:고|구)요$',
  ],
  sentiment: {
    negative: [
      '불만|실망|짜증|답답|불편|힘들어|어려워요|느려|별로|엉망|불친절|복잡해',
      '오래|한참|한_시간|몇_시간 기다',
      '시간_낭비',
    ],
    anger: ['화가_나|화나|열받|어이없|말도_안_돼|말이_안_돼|최악|너무하|장난하|미치겠|미쳤|참을_수_없|용납|황당|기가_막혀|무시하'],
    distress: [
      '무서워|무서운|겁나|불안해|걱정돼|울고|눈물|어떡해|어떻게_해야_할지_모르|막막|절박|살려_주|살려주|살려줘',
      // tears that will not stop, shaking hands, a blank head, cannot cope any more (dev5/dev6 grief and overwhelm, 2026-12-06)
      '손이 떨려|떨리고|계속_떨려',
      '머리가 하얘|새하얘',
      '못 버티겠|견디겠',
    ],
    // 미쳤 is anger, not profanity: "대기 인원 미쳤네 ㅋㅋㅋ" (the queue is crazy, laughing) is a remark
    // about the wait (dev18 ko-d18-n12, 2026-12-08); "미쳤어요?" said to someone still scores as anger.
    profanity: ['씨발|시발|ㅅㅂ|개새끼|병신|ㅂㅅ|존나|좆|미친놈|미친_년|빌어먹을|젠장|빡치|닥쳐|꺼져|개같'],
    positive: ['감사|고맙|좋아요|좋네요|최고|친절|도움이_됐|도움이_되었|덕분에'],
  },
  sensitive: {
    billing_dispute: [
      '요금|청구|결제|수수료|금액 * 잘못|이중|두_번|과다|너무_많이|틀렸|오류|이상해',
      '환불|돈을_돌려|돈_돌려',
      '결제|납부|지불 * 안_돼|안돼|실패|오류|문제',
    ],
    complaint: ['불만_접수|불만을_제기|항의|클레임|고발|신고하고_싶', '직원|담당자|공무원 * 불친절|태도|무례|반말'],
    cancellation: [
      '계약|주문|회원|계정|신청|등록|서비스|가입|구독 * 해지|탈퇴|취소|철회|삭제',
      '해지|탈퇴',
      // a marriage notice or an application already filed, withdrawn or undone (dev5/dev6 cancellation misses, 2026-12-06)
      '혼인신고|혼인_신고|신고서|신청서|신청|접수 * 물러|무를|무르|철회|취소',
      '물러줄|물러_주실|물러주세요|물러_주세요|무를_수',
      // the visitor's own filing to be undone ("제가 한 건 취소해야 될 것 같은데", dev3 ko-d3-e11, 2026-12-07)
      '제가|내가|저희가 한|낸|넣은|신청한|접수한 건|거|것 * 취소',
      '없던|없었던 일로|걸로|것으로',
    ],
    account_access: [
      '로그인이_안|로그인_안|로그인을_못|로그인이_안돼|접속이_안',
      '비밀번호를_잊|비밀번호_잊|비밀번호_분실|비밀번호를_모르|비밀번호_찾',
      '계정이_잠|계정_잠|해킹|도용|명의도용',
    ],
    legal: [
      // a fine contested: an objection or an administrative appeal (dev10, 2026-12-07)
      '이의신청|이의_신청|행정심판|행정_심판|행정소송|행정_소송',
      // 고소 (a complaint to the police) but not across words once spaces are removed: 화내고 소리 ("got angry and shouted")
      're:고소(?!리)',
      '변호사|소송|재판|법원|법률_상담|법적|불법|차별|괴롭힘|성희롱|퇴거|양육권|경찰에_신고'],
    medical: [
      '아파요|아픈데|몸이_안_좋|몸이_좋지|몸이_안좋|병원에_가|의사_선생님|의사를|의사한테|의사에게|우울증|정신과|입원|수술|진단',
      '암에_걸|암_진단|암이에요|암_환자|당뇨',
      '약을_못|약이_떨어|약이_없',
    ],
    financial: [
      '빚이|빚을|빚_때문|부채|연체|체납|돈이_없|돈이_부족|갚을_수_없|파산|생계|사기를_당|사기당|사기_피해|실직|기초생활|압류',
      '월세|세금|요금|보험료 * 못_내|낼_수_없|못내|밀렸',
    ],
  },
  safety: {
    emergency: [
      // a small child missing right now: safety, staff alerted (MISSING_CHILD_GROUP in scope.ts)
      're:(?<missingchild>(?:남자아이|여자아이|남자애|여자애|꼬마|어린아이|어린애|아이|애기)(?:가|이|하나가)?혼자(?:서)?(?:울|돌아다니|헤매))',
      're:(?<missingchild>(?:애|아이|애기|아기|아들|딸|손자|손녀|우리애)(?:가|이)?(?:없어졌|안보여|사라졌|안보이)|(?:애|아이|애기|아기|아들|딸|손자|손녀)(?:를|을)잃어버렸)',
      // "우리 애가 방금까지 옆에 있었는데 안 보여요": the child, then within a sentence gone (not its card).
      're:(?<missingchild>(?:애|아이|애기|아기|아들|딸|손자|손녀)(?:가|이)(?:(?!카드|증|폰|지갑|서류|등본)[^.?!]){1,25}?(?:안보여|안보이|없어졌|사라졌))',
      // "저기요 우리 애 못 봤어요? 여섯 살 남자앤데": asking whether anyone has seen the visitor's own child.
      're:(?<missingchild>(?:우리|제|저희)(?:애|아이|애기|아기|아들|딸|손자|손녀)(?:를|을)?(?:혹시)?(?:못봤|못보셨|보셨|봤나|봤어))',
      '119|112 에|를|좀|로? 불러|신고|전화|연락',
      '응급|긴급|구급차|불이_났|불났|화재|연기가|가스가_새|가스_새|경찰_불러|경찰을_불러|쓰러졌|쓰러져|의식이_없|숨을_안|숨을_못|숨이_안|심장마비|발작|살려_주세요|살려줘',
    ],
    threat: [
      '가만_안_두|가만안두|죽여|죽이겠|죽일|칼을|칼로|칼_들|총을|총기|폭탄|협박|위협|폭력|때리|때렸|맞았|스토킹|스토커|따라와|쫓아와',
      '죽고_싶|자살|자해',
    ],
    injury: ['다쳤|다쳐|부상|피가_나|피가_많이|출혈|골절|뼈가_부러|넘어졌|넘어져|미끄러졌|계단에서_떨어|화상|데었|머리를_부딪|많이_아파|너무_아파|가슴이_아파'],
  },
  vulnerable: {
    vision: ['눈이_안_보|눈이_잘_안_보|앞이_안_보|시각장애|글씨가_작|글씨가_안_보|화면이_안_보|잘_안_보여|안경을_안|안경을_잃'],
    hearing: ['귀가_안_들|잘_안_들려|청각장애|수어가_필요|수화가_필요|귀가_어두'],
    mobility: ['휠체어를_타|휠체어_사용|휠체어를_써|걷지_못|걸을_수_없|다리가_불편|거동이_불편|지팡이'],
    lost: [
      '길을_잃|길_잃|어디로_가야_할지_모르|여기가_어디|미아',
      // not sure which office this is ("여기가 구청이여 동사무소여", an elderly widow; dev16 ko-d16-e27, 2026-12-07)
      're:여기가(?:구청|동사무소|주민센터|시청|보건소|은행|병원)(?:이여|이야|여|야|인가|이에요|예요|인지|이었나)(?:구청|동사무소|주민센터|시청|보건소|은행|병원)',
      // forgot the errand, a minor stating their age or school year (dev3 vulnerable misses, 2026-12-06)
      '뭐_하러_왔는지|뭐하러_왔는지|무슨_일로_왔는지|왜_왔는지|뭘_하러_왔는지|뭐_하러_왔더라|뭐하러_왔더라',
    ],
    child: ['re:(?:저|나)(?:는)?(?:초등학교|중학교)?[1-6]학년(?:이에요|인데|입니다|이예요|이거든)', `${KID} * 잃어버|없어졌|안_보여|못_찾|울어|혼자`, '엄마|아빠|부모님 * 못_찾|잃어버|없어', '초등학생|중학생 이에요|입니다|인데', 're:(?:저|나)(?:는)?(?:초[1-6]|중[1-3]|중학생|초등학생|중딩|초딩)(?!아들|딸|자녀|애|아이|때)', 're:(?:[5-9]|1[0-5])살(?:이에요|이예요|인데|이야|입니다)'],
    elderly: ['노인|어르신|할머니|할아버지|나이가_많|나이_들어|팔십|구십|연세가', '기계|컴퓨터|키오스크|이런_거 * 잘_몰라|못_써|어려워'],
    disability: ['장애가_있|장애인이|장애인입니다|치매|자폐|발달장애|지적장애|안내견'],
    // "글자 너무 어려워요" (a newcomer; dev17 ko-d17-e27, 2026-12-07)
    literacy: ['글자|한글 * 어려워|어렵|못_읽|몰라', '글을_못_읽|글을_몰라|읽을_줄_모르|쓸_줄_모르|한국어를_못|일본어를_못', '일본어|한국어|한국말 * 몰라|못해|모릅니다|잘_못|서툴러', '작성 * 도와|하는_법을_모르'],
  },
  policyException: {
    fee_waiver: ['수수료|요금|벌금|과태료|연체료 * 면제|안_내|없애|빼_주|빼주|봐주|봐_주', '면제해|무료로_해'],
    deadline_extension: ['기한|마감 * 연장|늘려|지났|넘었|놓쳤', '늦게_제출|늦게_냈|시간을_더'],
    rule_exception: ['예외|특별히|이번만|한_번만|봐_주세요|봐주세요|규정을_어기|순서를_바꿔|먼저_해_주|새치기'],
    discount: ['할인|깎아|감면|싸게|덜_내'],
  },
  restrictedAction: {
    refund: ['환불|돈을_돌려|돈_돌려'],
    record_change: ['기록|등록_정보|생년월일|성별|가족관계|이름 * 수정|변경|정정|고쳐|바꿔|잘못', `re:(?:시스템|전산|컴퓨터|여기서|거기서|바로|직접)(?:에서|에|상에서|상|으로)?.{0,14}(?:바꿔|변경해|수정해|고쳐|정정해|지워|삭제해)(?:주세요|줘|줄래|주실|주시|주면|줄수|주라|주셔)`],
    data_deletion: ['개인정보|데이터|기록|정보 * 삭제|지워|파기'],
    identity_verification: ['위임장|대리인|대리로|대신 * 발급|신청|받', '신분증이_없|신분증을_안_가|신분증을_잃'],
    payment: ['카드_번호|카드번호|비밀번호를_알려|여기서_결제|여기서_돈을'],
  },
};
