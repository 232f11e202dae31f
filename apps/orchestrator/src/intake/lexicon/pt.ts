import { REQUEST_PERSON_EXTRA } from './requestPerson.ts';
import type { LanguagePack } from './types.ts';

/** Portuguese language pack (Brazilian and European spellings). */
export const pt: LanguagePack = {
  code: 'pt',
  name: 'Português',
  segmentation: 'spaced',
  stripPlural: true,
  stopwords: [
    'depois', 'dois', 'duas', 'mais', 'somos', 'vou', 'vai', 'cada', 'faz', 'ja', 'antes',
    'o', 'a', 'os', 'as', 'um', 'uma', 'uns', 'umas', 'de', 'do', 'da', 'dos', 'das', 'em', 'no', 'na', 'nos', 'nas', 'ao', 'aos', 'e', 'ou', 'mas', 'para', 'pra', 'por', 'pelo', 'pela', 'com', 'sem',
    'eu', 'me', 'mim', 'meu', 'minha', 'meus', 'minhas', 'voce', 'voces', 'seu', 'sua', 'ele', 'ela', 'nos', 'nosso', 'nossa', 'isso', 'isto', 'esse', 'essa', 'este', 'esta', 'aquele',
    'e', 'sou', 'sao', 'esta', 'estou', 'ser', 'tem', 'tenho', 'ter', 'ha', 'posso', 'pode', 'podem', 'preciso', 'precisa', 'quero', 'queria', 'gostaria', 'devo', 'faco', 'fazer',
    'que', 'qual', 'quais', 'onde', 'quando', 'como', 'quanto', 'quanta', 'quem', 'por que', 'porque', 'nao', 'sim', 'se', 'ola', 'oi', 'obrigado', 'obrigada', 'favor', 'por favor',
    'tambem', 'ainda', 'so', 'muito', 'aqui', 'ai', 'la', 'prefeitura', 'harbor', 'city', 'saber', 'dizer', 'diga', 'perguntar', 'tirar', 'conseguir', 'pegar', 'ir', 'fica',
    // Courtesy formulae ("Sería tan amable de indicarme...", "Je me permets de solliciter..."): they
    // diluted the query coverage of the topic words behind them (dev8, 2026-12-07).
    'licença', 'licenca', 'senhor', 'senhora', 'poderia', 'gentileza', 'desculpe', 'incomodar', 'incómodo', 'informar', 'solicitar',
  ],
  patterns: {
    requestPerson: REQUEST_PERSON_EXTRA.pt.patterns,
    greeting: ['^ ola|oi|bom_dia|boa_tarde|boa_noite|e_ai', '^ com_licenca|desculpe'],
    thanks: ['obrigado|obrigada|obg|valeu|agradeco', 'tchau|ate_logo|ate_mais|adeus|bom_dia_pra_voce', '^ era so isso|isso', '^ entendi|beleza|ta_bom|esta_claro $'],
    negativeFeedback: [
      'isso|nao nao? ajudou|ajuda|serviu|resolveu',
      'nao foi|e isso o_que|que eu perguntei|pedi|quis',
      'voce nao entendeu|respondeu',
      'nao respondeu|responde * pergunta',
      'resposta errada|informacao_errada',
      'inutil|nao_serve_pra_nada|nao_serve_para_nada',
      'voce so? repete|repetindo|fica_repetindo a_mesma_coisa|sempre_a_mesma_coisa',
    ],
    affirm: ['^ sim|claro|pode|pode_ser|ok|okay|beleza|por_favor|quero|isso sim|por_favor|obrigado|obrigada? $'],
    decline: [
      '^ nao|nao_obrigado|nao_obrigada obrigado|obrigada? $',
      '^ nao? tudo bem|certo|ok $',
      '^ nao precisa|e_preciso $',
      '^ agora nao $',
      '^ deixa|deixe|deixa_pra_la|esquece|nao|nao_obrigado|nao_obrigada nao_precisa|nao_e_preciso|tudo_bem|esta_bem|ta_bom|obrigado|obrigada $',
      '^ nao * tudo_bem|ok|obrigado|obrigada $',
    ],
  },
  replies: {
    greeting:
      'Olá, bem-vindo à Prefeitura de Harbor City! Posso ajudar com horários, certidões, mudança de endereço, impostos, separação do lixo e o guichê certo. O que você gostaria de saber?',
    thanks: 'De nada! Tenha um bom dia.',
    unknown: 'Desculpe, não tenho certeza sobre isso. Quer que eu chame um funcionário?',
    unknownNear:
      'Desculpe, minhas informações sobre “{topic}” não incluem esse detalhe. Quer que eu chame um atendente que possa lhe informar?',
    anythingElse: 'Tudo bem. Posso ajudar em mais alguma coisa?',
    escalation: {
      explicit_request: 'Vou chamar um funcionário agora. Aguarde um momento, por favor.',
      out_of_scope: 'Desculpe, não consigo responder isso sozinho. Vou chamar um funcionário agora.',
      repeated_failure: 'Desculpe que isso não ajudou. Vou chamar um funcionário agora.',
    },
    summary: { first: 'Primeira pergunta', latest: 'Última', topics: 'Assuntos', none: 'Ainda não há uma pergunta específica.', listSeparator: ', ' },
  },
};
